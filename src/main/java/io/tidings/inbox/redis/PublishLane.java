package io.tidings.inbox.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The publishes for one Redis connection ({@link PublishBatches}). They gather into a batch until the linger is
 * over or the batch is full; batches are sent by one thread at a time, in the order they were made, and never
 * under this lane's lock (a Lettuce thread completing something may publish again); runs are answered in the order
 * they were sent, one thread at a time, so a caller's publishes complete in the order it asked for them.
 */
final class PublishLane {
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ScheduledExecutorService timer;
    private final long lingerNanos;
    private List<PublishBatches.Pending> waiting = new ArrayList<>();
    private int chars;
    private boolean flushDue;
    private final ArrayDeque<List<PublishBatches.Pending>> ready = new ArrayDeque<>();
    private boolean sending;
    private final ArrayDeque<Run> away = new ArrayDeque<>();
    private boolean answering;

    PublishLane(RedisClusterAsyncCommands<String, String> redis, ScheduledExecutorService timer, Duration linger) {
        this.redis = redis;
        this.timer = timer;
        this.lingerNanos = linger.toNanos();
    }

    /** A batch in Redis's hands, and its reply to come. */
    private record Run(List<PublishBatches.Pending> batch, CompletableFuture<List<Object>> reply) {
    }

    void add(PublishBatches.Pending pending) {
        synchronized (this) {
            waiting.add(pending);
            chars += pending.chars();
            if (waiting.size() < PublishBatches.MAX_PUBLISHES && chars < PublishBatches.MAX_CHARS
                    && (flushDue || schedule())) {
                return;
            }
            ready.add(take());
        }
        sendReady();
    }

    /** The linger is over (or the store closes): what waits leaves. */
    void flush() {
        synchronized (this) {
            flushDue = false;
            if (waiting.isEmpty()) {
                return;
            }
            ready.add(take());
        }
        sendReady();
    }

    /** Whether the flush is due after the linger (not once the store closed: then the batch leaves at once). */
    private boolean schedule() {
        try {
            timer.schedule(this::flush, lingerNanos, TimeUnit.NANOSECONDS);
            flushDue = true;
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    private List<PublishBatches.Pending> take() {
        List<PublishBatches.Pending> batch = waiting;
        waiting = new ArrayList<>();
        chars = 0;
        return batch;
    }

    /** Sends the ready batches unless another thread is sending them already. */
    private void sendReady() {
        synchronized (this) {
            if (sending) {
                return;
            }
            sending = true;
        }
        while (true) {
            List<PublishBatches.Pending> batch;
            synchronized (this) {
                batch = ready.poll();
                if (batch == null) {
                    sending = false;
                    return;
                }
            }
            Run run = new Run(batch, PublishBatches.send(redis, batch));
            synchronized (this) {
                away.add(run);
            }
            run.reply().whenComplete((reply, failure) -> answerDone());
        }
    }

    /** Answers the runs whose replies came, oldest first, unless another thread is answering already. */
    private void answerDone() {
        synchronized (this) {
            if (answering) {
                return;
            }
            answering = true;
        }
        while (true) {
            Run run;
            synchronized (this) {
                run = away.peek();
                if (run == null || !run.reply().isDone()) {
                    answering = false;
                    return;
                }
                away.poll();
            }
            List<Object> reply = null;
            Throwable failure = null;
            try {
                reply = run.reply().join();
            } catch (RuntimeException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            }
            PublishBatches.answer(run.batch(), reply, failure);
        }
    }
}
