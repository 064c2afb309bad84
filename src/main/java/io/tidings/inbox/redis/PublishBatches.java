package io.tidings.inbox.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A group commit to Redis: the publishes waiting for one Redis within {@link #LINGER} go as one run of
 * {@code publish.lua}, which stores and routes each in turn. A message's hops cost wake-ups and system calls in
 * the node and in Redis (the script out, its reply, the pub/sub message in at each recipient node), and these are
 * what a cluster spends most of its CPU on; shared by a batch, they are paid once for all of it, and Redis writes
 * what the batch published for one node in one go. A batch keeps its publishes in the order they were asked for,
 * and batches leave in order. On a Redis Cluster a script may only touch one unit's keys, so each publish is sent
 * alone there.
 */
final class PublishBatches implements AutoCloseable {
    /** How long the first publish of a batch waits for others. */
    static final Duration LINGER = Duration.ofMillis(1);
    /** At most this many publishes in one script run. */
    static final int MAX_PUBLISHES = 64;
    /** Or this many characters of frames. */
    static final int MAX_CHARS = 256 << 10;
    private static final LuaScript PUBLISH = LuaScript.load(RedisInbox.class, "publish.lua");
    private static final int VALUES = 5;

    private final boolean batching;
    private final long lingerNanos;
    private final Map<RedisClusterAsyncCommands<String, String>, Lane> lanes = new ConcurrentHashMap<>();
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
        this.lingerNanos = linger.toNanos();
    }

    /** One publish: its keys and the script's 20 arguments; completes with its five values, on a Lettuce thread. */
    CompletableFuture<List<Object>> publish(RedisClusterAsyncCommands<String, String> redis, String[] keys,
            String[] args) {
        Pending pending = new Pending(keys, args, new CompletableFuture<>());
        if (batching) {
            lanes.computeIfAbsent(redis, Lane::new).add(pending);
        } else {
            settle(List.of(pending), send(redis, List.of(pending)));
        }
        return pending.done;
    }

    /** Sends what waits at once (its replies still come), and stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        lanes.values().forEach(Lane::flush);
    }

    private record Pending(String[] keys, String[] args, CompletableFuture<List<Object>> done) {
        int chars() {
            return args[4].length();
        }
    }

    /** The publishes waiting for one Redis connection. */
    private final class Lane {
        private final RedisClusterAsyncCommands<String, String> redis;
        private List<Pending> waiting = new ArrayList<>();
        private int chars;
        private boolean flushDue;

        Lane(RedisClusterAsyncCommands<String, String> redis) {
            this.redis = redis;
        }

        void add(Pending pending) {
            List<Pending> batch = null;
            CompletableFuture<List<Object>> sent = null;
            synchronized (this) {
                waiting.add(pending);
                chars += pending.chars();
                if (waiting.size() >= MAX_PUBLISHES || chars >= MAX_CHARS || !flushDue && !schedule()) {
                    batch = take();
                    sent = send(redis, batch); // under the lock: batches leave in the order they were made
                }
            }
            if (batch != null) {
                settle(batch, sent);
            }
        }

        /** Whether the flush is due in {@link #LINGER} (not when the store closed meanwhile: then send at once). */
        private boolean schedule() {
            try {
                timer.schedule(this::flush, lingerNanos, TimeUnit.NANOSECONDS);
                flushDue = true;
                return true;
            } catch (RejectedExecutionException closed) {
                return false;
            }
        }

        private void flush() {
            List<Pending> batch;
            CompletableFuture<List<Object>> sent;
            synchronized (this) {
                flushDue = false;
                if (waiting.isEmpty()) {
                    return;
                }
                batch = take();
                sent = send(redis, batch);
            }
            settle(batch, sent);
        }

        private List<Pending> take() {
            List<Pending> batch = waiting;
            waiting = new ArrayList<>();
            chars = 0;
            return batch;
        }
    }

    private static CompletableFuture<List<Object>> send(RedisClusterAsyncCommands<String, String> redis,
            List<Pending> batch) {
        List<String> keys = new ArrayList<>(batch.size() * 5);
        List<String> args = new ArrayList<>(1 + batch.size() * 21);
        args.add(Integer.toString(batch.size()));
        for (Pending pending : batch) {
            args.add(Integer.toString(pending.keys.length));
            keys.addAll(List.of(pending.keys));
            args.addAll(List.of(pending.args));
        }
        try {
            return PUBLISH.run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes each publish with its values, outside any lock (its callbacks may publish again). */
    private static void settle(List<Pending> batch, CompletableFuture<List<Object>> sent) {
        sent.whenComplete((reply, failure) -> {
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<List<Object>> done = batch.get(i).done;
                if (failure != null) {
                    done.completeExceptionally(failure);
                    continue;
                }
                List<Object> values = reply.subList(i * VALUES, (i + 1) * VALUES);
                if (Long.valueOf(-1).equals(values.get(0))) {
                    done.completeExceptionally(new RedisException((String) values.get(1)));
                } else {
                    done.complete(values);
                }
            }
        });
    }
}
