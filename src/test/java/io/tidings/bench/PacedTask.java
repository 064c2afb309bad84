package io.tidings.bench;

import java.util.List;

/**
 * A loop's share of paced traffic from its sessions: at its share of the rate, one operation after another
 * ({@link #next}), until the stop time (or at once when it has no session to send from).
 */
abstract class PacedTask implements ClientLoop.Task {
    /** The loop's sessions that send. */
    final List<BenchSession> senders;
    private final Pacer pacer;
    private final long stopAt;

    PacedTask(List<BenchSession> senders, double perSecond, long startNanos, long stopNanos) {
        this.senders = senders;
        this.pacer = new Pacer(perSecond, startNanos, Long.MAX_VALUE);
        this.stopAt = stopNanos;
    }

    /** One operation (skipped when its sender is not open). */
    abstract void next();

    @Override
    public final boolean run(ClientLoop loop, long now) {
        if (now >= stopAt || senders.isEmpty()) {
            return false;
        }
        int due = pacer.due(now);
        for (int i = 0; i < due; i++) {
            next();
        }
        pacer.done(due);
        return true;
    }
}
