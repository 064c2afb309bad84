package io.tidings.cluster;

import io.lettuce.core.ScriptOutputType;
import io.tidings.config.ApiLimits;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisFailures;
import io.tidings.inbox.redis.RedisKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Group membership in Redis, under one hash tag so a join checks the three limits atomically. A join or leave is
 * answered once every node holding the uid's sessions has put itself on (or taken itself off) the group's route,
 * so a group push sent after the answer reaches the new member; a node that does not confirm within
 * {@link #CONFIRM} is not waited for.
 */
final class ClusterGroups implements GroupDirectory {
    static final Duration CONFIRM = Duration.ofSeconds(2);
    private static final LuaScript JOIN = LuaScript.load(ClusterGroups.class, "join.lua");
    private static final LuaScript LEAVE = LuaScript.load(ClusterGroups.class, "leave.lua");
    private static final LuaScript NOTIFY = LuaScript.load(ClusterGroups.class, "notify.lua");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A change waiting for the nodes it was told to. */
    private static final class Waiting {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int acks;
        int expected = -1;

        synchronized void ack() {
            acks++;
            check();
        }

        synchronized void expect(int nodes) {
            expected = nodes;
            check();
        }

        private void check() {
            if (expected >= 0 && acks >= expected) {
                done.complete(null);
            }
        }
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final RedisConnections redis;
    private final RedisKeys keys;
    private final String node;
    private final ApiLimits limits;
    private final NodeRegistry nodes;
    private final ScheduledExecutorService timer;

    ClusterGroups(ClusterParts parts, ApiLimits limits, NodeRegistry nodes, ScheduledExecutorService timer) {
        this.redis = parts.redis();
        this.keys = parts.keys();
        this.node = parts.node();
        this.limits = limits;
        this.nodes = nodes;
        this.timer = timer;
    }

    @Override
    public CompletableFuture<Groups.Join> join(String group, String uid) {
        return JOIN.<Long>run(membership(), ScriptOutputType.INTEGER,
                new String[] {keys.members(group), keys.groupsOf(uid), keys.groupCounts()}, uid, group,
                Integer.toString(limits.maxGroups()), Integer.toString(limits.maxGroupMembers()),
                Integer.toString(limits.maxMemberships())).handle((code, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    return switch (code.intValue()) {
                        case 0 -> Groups.Join.JOINED;
                        case 1 -> Groups.Join.ALREADY_MEMBER;
                        case 2 -> Groups.Join.TOO_MANY_GROUPS;
                        case 3 -> Groups.Join.GROUP_FULL;
                        default -> Groups.Join.TOO_MANY_MEMBERSHIPS;
                    };
                }).thenCompose(join -> join == Groups.Join.JOINED
                        ? tell(uid, group, true).thenApply(told -> join) : CompletableFuture.completedFuture(join));
    }

    @Override
    public CompletableFuture<Boolean> leave(String group, String uid) {
        return LEAVE.<Long>run(membership(), ScriptOutputType.INTEGER,
                new String[] {keys.members(group), keys.groupsOf(uid), keys.groupCounts()}, uid, group)
                .handle((left, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    return left == 1;
                }).thenCompose(left -> left ? tell(uid, group, false).thenApply(told -> true)
                        : CompletableFuture.completedFuture(false));
    }

    @Override
    public CompletableFuture<Boolean> isMember(String group, String uid) {
        return membership().sismember(keys.members(group), uid).toCompletableFuture().handle((member, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            return member;
        });
    }

    @Override
    public CompletableFuture<Integer> size(String group) {
        return membership().scard(keys.members(group)).toCompletableFuture().handle((size, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            return size.intValue();
        });
    }

    @Override
    public CompletableFuture<List<String>> members(String group) {
        return membership().smembers(keys.members(group)).toCompletableFuture().handle((members, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            List<String> sorted = new ArrayList<>(members);
            sorted.sort(null);
            return sorted;
        });
    }

    /** Tells the nodes holding the uid's sessions, and waits (bounded) until each has followed. */
    private CompletableFuture<Void> tell(String uid, String group, boolean joined) {
        String token = Long.toString(RANDOM.nextLong() >>> 1, 36);
        Waiting change = new Waiting();
        waiting.put(token, change);
        NOTIFY.<List<Object>>run(redis.forUnit(RedisKeys.uidUnit(uid)), ScriptOutputType.MULTI,
                new String[] {keys.presence(uid)}, keys.nodeChannelPrefix(),
                Envelope.membership(joined, uid, group, node, token), nodes.dead())
                .whenComplete((told, failure) -> change.expect(failure == null ? told.size() : 0));
        timer.schedule(() -> change.done.complete(null), CONFIRM.toMillis(), TimeUnit.MILLISECONDS);
        return change.done.whenComplete((done, failure) -> waiting.remove(token));
    }

    /** A node confirmed a change. */
    void acknowledged(String token) {
        Waiting change = waiting.get(token);
        if (change != null) {
            change.ack();
        }
    }

    private io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands<String, String> membership() {
        return redis.forUnit(RedisKeys.MEMBERSHIP);
    }
}
