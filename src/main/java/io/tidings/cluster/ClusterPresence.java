package io.tidings.cluster;

import io.lettuce.core.ScriptOutputType;
import io.tidings.close.CloseReason;
import io.tidings.config.SessionPolicy;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.LiveSession;
import io.tidings.hub.Presence;
import io.tidings.inbox.Epoch;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisFailures;
import io.tidings.inbox.redis.RedisKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Presence across the cluster. Each uid's sessions, on every node, are one hash in Redis ({@code "node session" ->
 * "order openedAt address"}); a session is added by one script that also applies the session policy (newest wins,
 * the per-uid cap) against every node's sessions at once, so Redis alone orders concurrent logins. The sessions it
 * displaces are closed by their nodes (4002), told over their channels. Everything this node does about its own
 * uids runs on the cluster's thread, so the commands for one uid leave in the order things happened.
 */
final class ClusterPresence implements Presence, HubListener {
    private static final LuaScript REGISTER = LuaScript.load(ClusterPresence.class, "register.lua");
    private static final LuaScript RESTORE = LuaScript.load(ClusterPresence.class, "restore.lua");
    private static final LuaScript KICK = LuaScript.load(ClusterPresence.class, "kick.lua");
    private static final LuaScript PRUNE = LuaScript.load(ClusterPresence.class, "prune.lua");

    /** This node's sessions of one uid, and the uid's groups (loaded with its first session). */
    private static final class LocalUid {
        final Set<LiveSession> sessions = new LinkedHashSet<>(2);
        final Set<String> groups = new HashSet<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        StreamTrackers.Tracker tracker;
    }

    private final Map<String, LocalUid> locals = new HashMap<>();
    private final RedisConnections redis;
    private final RedisKeys keys;
    private final String node;
    private final Hub hub;
    private final int sessionsPerUid;
    private final NodeRegistry nodes;
    private final StreamTrackers trackers;
    private final GroupRoutes routes;
    private final ClusterRooms rooms;
    private final Executor loop;
    private final long metaTtlSeconds;

    /** @param rooms whose chat sessions on other nodes a kick closes too */
    ClusterPresence(ClusterParts parts, Hub hub, SessionPolicy policy, int maxSessionsPerUid, NodeRegistry nodes,
            StreamTrackers trackers, GroupRoutes routes, ClusterRooms rooms) {
        this.redis = parts.redis();
        this.keys = parts.keys();
        this.node = parts.node();
        this.loop = parts.loop();
        this.metaTtlSeconds = parts.metaTtlSeconds();
        this.hub = hub;
        this.sessionsPerUid = policy == SessionPolicy.NEWEST ? 1 : maxSessionsPerUid;
        this.nodes = nodes;
        this.trackers = trackers;
        this.routes = routes;
        this.rooms = rooms;
    }

    @Override
    public void registered(LiveSession connection) {
        // Recorded by opened(), which the session calls right after, with a future to wait for.
    }

    @Override
    public CompletableFuture<Void> opened(LiveSession session) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        loop.execute(() -> open(session, opened));
        return opened;
    }

    private void open(LiveSession session, CompletableFuture<Void> opened) {
        String uid = session.uid();
        if (!hub.sessions(uid).contains(session)) {
            opened.complete(null); // closed already
            return;
        }
        String unit = RedisKeys.uidUnit(uid);
        LocalUid local = locals.get(uid);
        boolean first = local == null;
        if (first) {
            local = new LocalUid();
            locals.put(uid, local);
            local.tracker = trackers.expect(StreamKey.uid(uid).text());
            redis.forUnit(unit).sadd(keys.nodeUids(node), uid);
        }
        local.sessions.add(session);
        for (String group : local.groups) {
            routes.sessionsChanged(group, 1);
        }
        LocalUid mine = local;
        REGISTER.<List<Object>>run(redis.forUnit(unit), ScriptOutputType.MULTI,
                new String[] {keys.presence(uid), keys.meta(unit), keys.stream(unit)}, field(session),
                session.openedAt().toEpochMilli() + " " + session.remoteAddress(), Integer.toString(sessionsPerUid),
                Epoch.candidate(), Long.toString(metaTtlSeconds))
                .whenComplete((reply, failure) -> loop.execute(() -> registered(uid, mine, first, reply, failure,
                        opened)));
    }

    private void registered(String uid, LocalUid local, boolean first, List<Object> reply, Throwable failure,
            CompletableFuture<Void> opened) {
        if (failure != null) {
            opened.completeExceptionally(RedisFailures.unavailable(failure));
            return;
        }
        trackers.baseline(local.tracker, (Long) reply.get(0), (String) reply.get(1));
        displace(uid, reply.subList(2, reply.size()), CloseReason.UID_EXISTS);
        if (first) {
            loadGroups(uid, local);
        }
        local.ready.whenComplete((ready, notReady) -> {
            if (notReady != null) {
                opened.completeExceptionally(RedisFailures.unavailable(notReady));
            } else {
                opened.complete(null);
            }
        });
    }

    /** The uid's groups, with its first session here: this node joins their routes before the session is welcomed. */
    private void loadGroups(String uid, LocalUid local) {
        redis.forUnit(RedisKeys.MEMBERSHIP).smembers(keys.groupsOf(uid)).whenComplete((groups, failure) ->
                loop.execute(() -> {
                    if (failure != null) {
                        local.ready.completeExceptionally(failure);
                        return;
                    }
                    List<CompletableFuture<Void>> joined = new ArrayList<>();
                    for (String group : groups) {
                        if (locals.get(uid) == local && local.groups.add(group)) {
                            joined.add(routes.add(group, uid, local.sessions.size()));
                        }
                    }
                    CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
                        if (error != null) {
                            local.ready.completeExceptionally(error);
                        } else {
                            local.ready.complete(null);
                        }
                    });
                }));
    }

    /** Closes the displaced sessions ("node session" fields): here at once, elsewhere through their node. */
    private void displace(String uid, List<Object> fields, CloseReason reason) {
        for (Object value : fields) {
            String field = (String) value;
            int space = field.indexOf(' ');
            String owner = field.substring(0, space);
            String session = field.substring(space + 1);
            if (owner.equals(node)) {
                hub.close(uid, session, reason);
            } else {
                redis.forUnit(RedisKeys.uidUnit(uid)).publish(keys.nodeChannel(owner),
                        Envelope.close(uid, session, reason.code()));
            }
        }
    }

    @Override
    public void unregistered(LiveSession session) {
        loop.execute(() -> {
            String uid = session.uid();
            LocalUid local = locals.get(uid);
            if (local == null || !local.sessions.remove(session)) {
                return;
            }
            String unit = RedisKeys.uidUnit(uid);
            redis.forUnit(unit).hdel(keys.presence(uid), field(session));
            for (String group : local.groups) {
                routes.sessionsChanged(group, -1);
            }
            if (local.sessions.isEmpty()) {
                locals.remove(uid);
                trackers.forget(local.tracker);
                redis.forUnit(unit).srem(keys.nodeUids(node), uid);
                for (String group : local.groups) {
                    routes.remove(group, uid, 0);
                }
            }
        });
    }

    /** A group joined or left by a uid (told by the node that changed it): this node's routes follow. */
    CompletableFuture<Void> membership(String uid, String group, boolean joined) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            LocalUid local = locals.get(uid);
            CompletableFuture<Void> changed = CompletableFuture.completedFuture(null);
            if (local != null && joined && local.groups.add(group)) {
                changed = routes.add(group, uid, local.sessions.size());
            } else if (local != null && !joined && local.groups.remove(group)) {
                changed = routes.remove(group, uid, local.sessions.size());
            }
            changed.whenComplete((ok, failure) -> done.complete(null));
        });
        return done;
    }

    /** Close a session of ours that another node displaced or kicked. */
    void close(String uid, String session, int code) {
        hub.close(uid, session, code == CloseReason.KICKED.code() ? CloseReason.KICKED : CloseReason.UID_EXISTS);
    }

    /**
     * Puts this node's sessions back into presence and its routes back (Redis restarted, or this node was taken for
     * dead), as they are now: what closed meanwhile goes, what is here comes back, and the session policy is
     * applied (a session displaced meanwhile by a newer one elsewhere is closed).
     */
    void restore() {
        loop.execute(() -> {
            for (Map.Entry<String, LocalUid> entry : locals.entrySet()) {
                String uid = entry.getKey();
                String unit = RedisKeys.uidUnit(uid);
                List<String> args = new ArrayList<>();
                args.add(Integer.toString(sessionsPerUid));
                args.add(node);
                for (LiveSession session : entry.getValue().sessions) {
                    args.add(field(session));
                    args.add(session.openedAt().toEpochMilli() * 1000 + " " + session.openedAt().toEpochMilli() + " "
                            + session.remoteAddress());
                }
                redis.forUnit(unit).sadd(keys.nodeUids(node), uid);
                RESTORE.<List<Object>>run(redis.forUnit(unit), ScriptOutputType.MULTI,
                        new String[] {keys.presence(uid)}, args.toArray(String[]::new))
                        .thenAccept(displaced -> displace(uid, displaced, CloseReason.UID_EXISTS));
            }
            Set<String> held = Set.copyOf(locals.keySet());
            for (var shard : redis.each()) {
                shard.smembers(keys.nodeUids(node)).thenAccept(listed -> loop.execute(() -> {
                    for (String uid : listed) {
                        if (!held.contains(uid) && !locals.containsKey(uid)) {
                            forgetUid(uid);
                        }
                    }
                }));
            }
            routes.restore();
        });
    }

    /** Takes this node's entries of a uid it no longer holds out of presence (they outlived a disconnect). */
    private void forgetUid(String uid) {
        String unit = RedisKeys.uidUnit(uid);
        PRUNE.run(redis.forUnit(unit), ScriptOutputType.INTEGER, new String[] {keys.presence(uid)}, node);
        redis.forUnit(unit).srem(keys.nodeUids(node), uid);
    }

    @Override
    public CompletableFuture<List<Present>> sessions(String uid) {
        return redis.forUnit(RedisKeys.uidUnit(uid)).hgetall(keys.presence(uid)).toCompletableFuture()
                .handle((fields, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    List<String[]> live = new ArrayList<>();
                    for (Map.Entry<String, String> entry : fields.entrySet()) {
                        String[] owner = entry.getKey().split(" ", 2);
                        String[] value = entry.getValue().split(" ", 3);
                        if (owner.length == 2 && value.length == 3 && !nodes.isDead(owner[0])) {
                            live.add(new String[] {owner[1], owner[0], value[1], value[2], value[0]});
                        }
                    }
                    live.sort(Comparator.comparingLong(row -> Long.parseLong(row[4])));
                    return live.stream().map(row -> new Present(row[0], row[1],
                            Instant.ofEpochMilli(Long.parseLong(row[2])), row[3])).toList();
                });
    }

    @Override
    public CompletableFuture<Integer> kick(String uid) {
        return KICK.<List<Object>>run(redis.forUnit(RedisKeys.uidUnit(uid)), ScriptOutputType.MULTI,
                new String[] {keys.presence(uid)}, nodes.dead()).handle((reply, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    displace(uid, reply.subList(1, reply.size()), CloseReason.KICKED);
                    return ((Long) reply.get(0)).intValue();
                }).thenCombine(rooms.kickElsewhere(uid).exceptionally(failure -> 0), Integer::sum);
    }

    private String field(LiveSession session) {
        return node + " " + session.id();
    }
}
