package io.tidings.hub;

import io.tidings.close.CloseReason;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One sweeper thread for all sessions: every interval it closes, with 4005 "heartbeat timeout", each session
 * that has received nothing for the idle time. Time is {@link System#nanoTime()}, a monotonic clock, so wall
 * clock jumps never close or spare anyone.
 */
public final class HeartbeatSweeper implements AutoCloseable {
    private final Hub hub;
    private final long idleNanos;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private ScheduledExecutorService scheduler;

    public HeartbeatSweeper(Hub hub, Duration idle, Duration interval, LongSupplier nanoClock) {
        this.hub = hub;
        this.idleNanos = idle.toNanos();
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidings-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
    }

    /** Closes every idle session; returns how many it closed. */
    public int sweep() {
        long now = nanoClock.getAsLong();
        int[] closed = {0};
        hub.forEach(connection -> {
            if (now - connection.lastSeenNanos() >= idleNanos) {
                connection.close(CloseReason.HEARTBEAT_TIMEOUT);
                closed[0]++;
            }
        });
        return closed[0];
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule; the next one retries.
            System.getLogger(HeartbeatSweeper.class.getName()).log(System.Logger.Level.WARNING, "heartbeat sweep failed", e);
        }
    }

    /** Stops the sweeper thread and waits (briefly) for it: a WAR undeploy must leave no thread behind. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
