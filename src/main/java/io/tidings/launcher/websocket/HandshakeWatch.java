package io.tidings.launcher.websocket;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how long a 101 waits for its session's welcome ({@link HandshakeEndPoint#HOLD_LIMIT}): a welcome that
 * waits for a stalled store (Redis in a cluster, its timeouts being seconds) would otherwise keep the client's
 * upgrade unanswered until its own handshake timeout gave up. A session still held at its deadline is sent a
 * ping, which leaves with the 101. One sweep every quarter of a second looks at the sessions held, oldest first,
 * and runs only while some are: a timer per connect would wake a thread per connect.
 */
final class HandshakeWatch {
    private static final long SWEEP_MILLIS = 250;

    private record Held(long deadline, HandshakeEndPoint endPoint, FrameReader reader) {
    }

    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    HandshakeWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Watches a session whose 101 was held just now. */
    void watch(HandshakeEndPoint endPoint, FrameReader reader) {
        held.add(new Held(System.nanoTime() + HandshakeEndPoint.HOLD_LIMIT.toNanos(), endPoint, reader));
        scheduleSweep();
    }

    private void scheduleSweep() {
        if (sweeping.compareAndSet(false, true)) {
            try {
                timer.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // Tidings is shutting down: every session that opens now is closed 1001 at once, and its close
                // frame takes its 101 out; nothing is left to watch.
                held.clear();
                sweeping.set(false);
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Held next = held.peek(); next != null && next.deadline() - now <= 0; next = held.peek()) {
            held.poll();
            if (next.endPoint().holding()) {
                next.reader().ping();
            }
        }
        sweeping.set(false);
        if (!held.isEmpty()) {
            scheduleSweep();
        }
    }
}
