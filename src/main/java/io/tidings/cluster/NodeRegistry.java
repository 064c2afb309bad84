package io.tidings.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * The cluster's nodes and whether each is alive. Every node writes a deadline {@link #TTL} ahead (by Redis's
 * clock) every {@link #BEAT} with its session count; a node whose deadline passed is dead: its sessions stop being
 * counted or routed to at once ({@link #dead()} goes into every script), and once a survivor has seen it dead for
 * {@link #SWEEP_AFTER} that survivor removes its sessions from presence and its place on group routes. A node that
 * finds it was taken for dead (a stall longer than the TTL) is told so ({@code revived}) and puts itself back.
 */
final class NodeRegistry {
    private static final System.Logger LOG = System.getLogger(NodeRegistry.class.getName());
    /** How long a node counts as alive after its last heartbeat: presence of a killed node ends this much later. */
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration BEAT = Duration.ofSeconds(2);
    static final Duration SWEEP_AFTER = Duration.ofSeconds(3);
    private static final LuaScript HEARTBEAT = LuaScript.load(NodeRegistry.class, "heartbeat.lua");
    private static final LuaScript PRUNE = LuaScript.load(NodeRegistry.class, "prune.lua");

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final String node;
    private final String instance;
    private final IntSupplier sessions;
    private final Runnable revived;
    private final List<java.util.function.Function<String, CompletableFuture<Void>>> alsoSwept =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Long> deadSince = new HashMap<>();
    private volatile String dead = " ";
    private volatile int live = 1;
    private volatile long lastBeat = System.nanoTime();
    private boolean beaten;
    private boolean sweeping;

    /** @param revived run when this node learns it was taken for dead, so it puts its sessions back */
    NodeRegistry(RedisConnections redis, RedisKeys keys, String node, String instance, IntSupplier sessions,
            Runnable revived) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.instance = instance;
        this.sessions = sessions;
        this.revived = revived;
    }

    /** The dead nodes as the scripts take them: " a b " (a space alone when none). */
    String dead() {
        return dead;
    }

    /** Whether the node is listed dead. */
    boolean isDead(String other) {
        return dead.contains(" " + other + " ");
    }

    /** Nodes alive at the last heartbeat, this one included. */
    int live() {
        return live;
    }

    /** Whether the last heartbeat reached Redis recently: what /readyz reports in a cluster. */
    boolean healthy() {
        return System.nanoTime() - lastBeat < BEAT.multipliedBy(2).toNanos() + Duration.ofSeconds(1).toNanos();
    }

    private RedisClusterAsyncCommands<String, String> nodesShard() {
        return redis.forUnit(RedisKeys.unit(StreamKey.ALL));
    }

    /**
     * One heartbeat; completes with whether this node id was alive under another instance (a restart within the
     * TTL, or, later, another node with the same id).
     */
    synchronized CompletableFuture<Boolean> beat() {
        return HEARTBEAT.<List<Object>>run(nodesShard(), ScriptOutputType.MULTI, new String[] {keys.nodes()}, node,
                Integer.toString(sessions.getAsInt()), Long.toString(TTL.toMillis()), instance)
                .thenApply(this::heard);
    }

    private synchronized boolean heard(List<Object> reply) {
        lastBeat = System.nanoTime();
        long was = (Long) reply.get(0);
        StringBuilder deadNow = new StringBuilder(" ");
        Set<String> seenDead = new HashSet<>();
        int alive = 0;
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            String other = (String) reply.get(i);
            if ((Long) reply.get(i + 1) == 1) {
                alive++;
            } else {
                deadNow.append(other).append(' ');
                seenDead.add(other);
            }
        }
        dead = deadNow.toString();
        live = alive;
        deadSince.keySet().retainAll(seenDead);
        long now = System.nanoTime();
        for (String other : seenDead) {
            long since = deadSince.computeIfAbsent(other, k -> now);
            if (now - since >= SWEEP_AFTER.toNanos() && !sweeping) {
                sweeping = true;
                claimAndSweep(other).whenComplete((done, failure) -> sweepEnded(other, failure));
            }
        }
        boolean wasBeaten = beaten;
        beaten = true;
        if (wasBeaten && was == 2) {
            LOG.log(System.Logger.Level.ERROR, "another live node writes under TIDINGS_NODE_ID " + node
                    + ": give every node an id of its own");
        } else if (wasBeaten && was == 0) {
            LOG.log(System.Logger.Level.WARNING, "node " + node + " was taken for dead (no heartbeat reached Redis"
                    + " for " + TTL.toSeconds() + " s); putting its sessions back");
            revived.run();
        }
        return was == 2;
    }

    private synchronized void sweepEnded(String other, Throwable failure) {
        sweeping = false;
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "sweeping dead node " + other + " failed; retrying", failure);
        } else {
            deadSince.remove(other);
        }
    }

    /** One survivor sweeps a dead node: whoever sets the claim first. */
    private CompletableFuture<Void> claimAndSweep(String other) {
        return nodesShard().set(keys.nodes() + ":sweep:" + other, node, SetArgs.Builder.nx().px(30_000))
                .toCompletableFuture().thenCompose(claimed -> "OK".equals(claimed) ? sweep(other)
                        : CompletableFuture.completedFuture(null));
    }

    /** Something else a node leaves behind in Redis, swept with its sessions (its chat seats). */
    void alsoSweep(java.util.function.Function<String, CompletableFuture<Void>> sweeper) {
        alsoSwept.add(sweeper);
    }

    /**
     * Removes a node's sessions from presence and the node from its groups' routes, then its entry; run by a
     * survivor for a dead node, and by a node starting under an id that was alive (its own previous life).
     */
    CompletableFuture<Void> sweep(String other) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (RedisClusterAsyncCommands<String, String> shard : redis.each()) {
            steps.add(shard.smembers(keys.nodeUids(other)).toCompletableFuture().thenCompose(uids -> {
                List<CompletableFuture<?>> prunes = new ArrayList<>();
                for (String uid : uids) {
                    prunes.add(PRUNE.run(redis.forUnit(RedisKeys.uidUnit(uid)), ScriptOutputType.INTEGER,
                            new String[] {keys.presence(uid)}, other));
                }
                return CompletableFuture.allOf(prunes.toArray(CompletableFuture[]::new));
            }).thenCompose(done -> shard.del(keys.nodeUids(other)).toCompletableFuture()));
            steps.add(shard.smembers(keys.nodeGroups(other)).toCompletableFuture().thenCompose(groups -> {
                List<CompletableFuture<?>> leaves = new ArrayList<>();
                for (String group : groups) {
                    leaves.add(redis.forUnit(RedisKeys.unit(StreamKey.group(group))).hdel(keys.route(group), other)
                            .toCompletableFuture());
                }
                return CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new));
            }).thenCompose(done -> shard.del(keys.nodeGroups(other)).toCompletableFuture()));
        }
        for (var sweeper : alsoSwept) {
            steps.add(sweeper.apply(other));
        }
        if (other.equals(node)) {
            return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        }
        // Last, the swept node is told: if it was only slow (taken for dead, not dead), it puts itself back.
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                .thenCompose(done -> nodesShard().hdel(keys.nodes(), other).toCompletableFuture())
                .thenCompose(removed -> nodesShard().publish(keys.nodeChannel(other), Envelope.swept())
                        .toCompletableFuture()).thenApply(told -> null);
    }

    /**
     * A node leaving for good: its entry's deadline is set in the past, so nobody counts it and a survivor sweeps
     * whatever its closing sessions' removals left behind (an unseat still under way), as for a node that died.
     */
    CompletableFuture<Void> leave() {
        return nodesShard().hset(keys.nodes(), node, "1 0 " + instance).toCompletableFuture().thenApply(set -> null);
    }
}
