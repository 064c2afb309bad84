package io.tidings.inbox.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A group commit to Redis: the publishes waiting for one Redis within {@link #LINGER} go as one run of
 * {@code publish.lua}, which stores and routes each in turn. A message's hops cost wake-ups and system calls in
 * the node and in Redis (the script out, its reply, the pub/sub message in at each recipient node), and these are
 * what a cluster spends most of its CPU on; shared by a batch, they are paid once for all of it, and Redis writes
 * what the batch published for one node in one go. Publishes are run and answered in the order they were asked
 * for ({@link PublishLane}). On a Redis Cluster a script may only touch one unit's keys, so each publish is sent
 * alone there.
 */
final class PublishBatches implements AutoCloseable {
    /** How long the first publish of a batch waits for others. */
    static final Duration LINGER = Duration.ofMillis(1);
    /** At most this many publishes in one script run. */
    static final int MAX_PUBLISHES = 64;
    /** A batch leaves once its frames reach this many characters. */
    static final int MAX_CHARS = 256 << 10;
    private static final LuaScript PUBLISH = LuaScript.load(RedisInbox.class, "publish.lua");
    private static final int VALUES = 5;

    private final boolean batching;
    private final Duration linger;
    private final Map<RedisClusterAsyncCommands<String, String>, PublishLane> lanes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidings-redis-batch");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param batching false on a Redis Cluster (one publish per script run there)
     * @param linger   {@link #LINGER} but in tests
     */
    PublishBatches(boolean batching, Duration linger) {
        this.batching = batching;
        this.linger = linger;
    }

    /**
     * One publish: its keys and the script's 20 arguments. Completes with its five values, in the order publishes
     * were asked for: on the Lettuce thread that took the reply, or, when Redis refused at once (disconnected), on
     * the thread that sent the batch.
     */
    CompletableFuture<List<Object>> publish(RedisClusterAsyncCommands<String, String> redis, String[] keys,
            String[] args) {
        Pending pending = new Pending(keys, args, new CompletableFuture<>());
        if (batching) {
            lanes.computeIfAbsent(redis, connection -> new PublishLane(connection, timer, linger)).add(pending);
        } else {
            List<Pending> alone = List.of(pending);
            send(redis, alone).whenComplete((reply, failure) -> answer(alone, reply, failure));
        }
        return pending.done();
    }

    /** Sends what waits at once (its replies still come), and stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        lanes.values().forEach(PublishLane::flush);
    }

    /** A publish waiting for its batch, and its answer. */
    record Pending(String[] keys, String[] args, CompletableFuture<List<Object>> done) {
        int chars() {
            return args[4].length();
        }
    }

    /** One run of the script for the batch; a failure to send is a failed run. */
    static CompletableFuture<List<Object>> send(RedisClusterAsyncCommands<String, String> redis, List<Pending> batch) {
        try {
            List<String> keys = new ArrayList<>(batch.size() * 5);
            List<String> args = new ArrayList<>(1 + batch.size() * 21);
            args.add(Integer.toString(batch.size()));
            for (Pending pending : batch) {
                args.add(Integer.toString(pending.keys().length));
                Collections.addAll(keys, pending.keys());
                Collections.addAll(args, pending.args());
            }
            return PUBLISH.run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new),
                    args.toArray(String[]::new));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Answers each publish of a run: its five values, its own error, or the run's failure. */
    static void answer(List<Pending> batch, List<Object> reply, Throwable failure) {
        if (failure == null && (reply == null || reply.size() != batch.size() * VALUES)) {
            failure = new RedisException("publish.lua answered " + (reply == null ? "nothing" : reply.size()
                    + " values") + " for " + batch.size() + " publishes");
        }
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<List<Object>> done = batch.get(i).done();
            if (failure != null) {
                done.completeExceptionally(failure);
                continue;
            }
            List<Object> values = reply.subList(i * VALUES, (i + 1) * VALUES);
            if (Long.valueOf(-1).equals(values.get(0))) {
                done.completeExceptionally(new RedisException(String.valueOf(values.get(1))));
            } else {
                done.complete(values);
            }
        }
    }
}
