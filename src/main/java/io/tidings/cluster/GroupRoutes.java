package io.tidings.cluster;

import io.lettuce.core.ScriptOutputType;
import io.tidings.inbox.Epoch;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The groups this node has online members of, and the route of each in Redis: a group's push goes only to the
 * nodes on its route, each with how many of the members' sessions it holds (what the push's {@code delivered}
 * sums). This node writes its own place on each route, and only it: after a member's first session opens here or a
 * member joins, its count goes up; at 0 it leaves the route. A chat room is the group of its name: the seats in
 * it here count on the same route, so the group's stream (its pushes and the room's messages) reaches this node
 * once whether for members or for seats. Confined to the cluster's thread.
 */
final class GroupRoutes {
    private static final LuaScript ROUTE = LuaScript.load(GroupRoutes.class, "route_group.lua");

    private static final class LocalGroup {
        final Set<String> members = new HashSet<>();
        int sessions;
        /** Chat sessions seated in the room of this name here. */
        int seats;
        int announced;

        int total() {
            return sessions + seats;
        }
        StreamTrackers.Tracker tracker;
    }

    private final Map<String, LocalGroup> groups = new HashMap<>();
    private final RedisConnections redis;
    private final RedisKeys keys;
    private final String node;
    private final StreamTrackers trackers;
    private final Executor loop;
    private final long metaTtlSeconds;

    GroupRoutes(RedisConnections redis, RedisKeys keys, String node, StreamTrackers trackers, Executor loop,
            long metaTtlSeconds) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.trackers = trackers;
        this.loop = loop;
        this.metaTtlSeconds = metaTtlSeconds;
    }

    /** The group's members online here (for a group push's fan-out); empty when none. */
    Iterable<String> members(String group) {
        LocalGroup local = groups.get(group);
        return local == null ? List.of() : local.members;
    }

    /** A member of the group is online here with this many sessions (its first, or it just joined). */
    CompletableFuture<Void> add(String group, String uid, int sessions) {
        LocalGroup local = groups.computeIfAbsent(group, g -> new LocalGroup());
        if (!local.members.add(uid)) {
            return CompletableFuture.completedFuture(null);
        }
        local.sessions += sessions;
        return announce(group, local);
    }

    /** A member is no longer online here (its last session closed), or left the group. */
    CompletableFuture<Void> remove(String group, String uid, int sessions) {
        LocalGroup local = groups.get(group);
        if (local == null || !local.members.remove(uid)) {
            return CompletableFuture.completedFuture(null);
        }
        local.sessions -= sessions;
        return announce(group, local);
    }

    /** A chat session sat down in (+1) or left (-1) the room of this name here; completes once the route says so. */
    CompletableFuture<Void> seatsChanged(String group, int delta) {
        LocalGroup local = groups.computeIfAbsent(group, g -> new LocalGroup());
        local.seats += delta;
        return announce(group, local);
    }

    /** A member online here opened or closed a session. */
    void sessionsChanged(String group, int delta) {
        LocalGroup local = groups.get(group);
        if (local != null) {
            local.sessions += delta;
            announce(group, local);
        }
    }

    /** Writes this node's place on the group's route when it changed. */
    private CompletableFuture<Void> announce(String group, LocalGroup local) {
        if (local.total() == local.announced) {
            return CompletableFuture.completedFuture(null);
        }
        boolean joining = local.announced == 0;
        local.announced = local.total();
        String stream = StreamKey.group(group).text();
        String unit = RedisKeys.unit(StreamKey.group(group));
        StreamTrackers.Tracker tracker = null;
        if (joining) {
            tracker = trackers.expect(stream);
            local.tracker = tracker;
            redis.forUnit(unit).sadd(keys.nodeGroups(node), group);
        } else if (local.total() == 0) {
            trackers.forget(local.tracker);
            if (local.members.isEmpty()) {
                groups.remove(group);
            }
            redis.forUnit(unit).srem(keys.nodeGroups(node), group);
        }
        StreamTrackers.Tracker joined = tracker;
        CompletableFuture<List<Object>> written = ROUTE.run(redis.forUnit(unit), ScriptOutputType.MULTI,
                new String[] {keys.route(group), keys.meta(unit), keys.stream(unit)}, node,
                Integer.toString(local.total()), Epoch.candidate(), Long.toString(metaTtlSeconds));
        CompletableFuture<Void> done = new CompletableFuture<>();
        written.whenComplete((reply, failure) -> loop.execute(() -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            if (joined != null) {
                trackers.baseline(joined, (Long) reply.get(0), (String) reply.get(1));
            }
            done.complete(null);
        }));
        return done;
    }

    /**
     * After Redis lost touch with this node: writes every route again, and leaves the routes of groups it has no
     * member online of any more.
     */
    void restore() {
        for (Map.Entry<String, LocalGroup> entry : groups.entrySet()) {
            String group = entry.getKey();
            String unit = RedisKeys.unit(StreamKey.group(group));
            redis.forUnit(unit).sadd(keys.nodeGroups(node), group);
            ROUTE.run(redis.forUnit(unit), ScriptOutputType.MULTI,
                    new String[] {keys.route(group), keys.meta(unit), keys.stream(unit)}, node,
                    Integer.toString(entry.getValue().total()), Epoch.candidate(), Long.toString(metaTtlSeconds));
        }
        for (var shard : redis.each()) {
            shard.smembers(keys.nodeGroups(node)).thenAccept(listed -> loop.execute(() -> {
                for (String group : listed) {
                    LocalGroup local = groups.get(group);
                    if (local == null || local.total() == 0) {
                        String unit = RedisKeys.unit(StreamKey.group(group));
                        redis.forUnit(unit).hdel(keys.route(group), node);
                        redis.forUnit(unit).srem(keys.nodeGroups(node), group);
                    }
                }
            }));
        }
    }
}
