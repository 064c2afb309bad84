package io.tidings.hub;

import io.tidings.close.CloseReason;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One sweeper thread for all sessions: every interval it closes, with 4005 "heartbeat timeout", each session
 * that has received nothing for the idle time, and pings each one that has received nothing for the idle time
 * less two intervals, so that a client that answers (every browser and WebSocket library does) shows it is alive
 * before a sweep would close it. Two intervals, not one: sweeps drift a little later each time, and a session
 * just short of the ping's threshold at one sweep must not be past the idle time at the next. Time is
 * {@link System#nanoTime()}, a monotonic clock, so wall clock jumps never close or spare anyone.
 */
public final class HeartbeatSweeper implements AutoCloseable {
    private final Hub hub;
    private final long idleNanos;
    private final long pingNanos;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private ScheduledExecutorService scheduler;

    public HeartbeatSweeper(Hub hub, Duration idle, Duration interval, LongSupplier nanoClock) {
        this.hub = hub;
        this.idleNanos = idle.toNanos();
        this.pingNanos = Math.max(0, idle.minus(interval.multipliedBy(2)).toNanos());
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

    /** Closes every idle session and pings every one close to it; returns how many it closed. */
    public int sweep() {
        long now = nanoClock.getAsLong();
        int[] closed = {0};
        hub.forEach(connection -> {
            long silent = now - connection.lastSeenNanos();
            if (silent >= idleNanos) {
                connection.close(CloseReason.HEARTBEAT_TIMEOUT);
                closed[0]++;
            } else if (silent >= pingNanos) {
                connection.ping();
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
