package io.tidings.bench;

/**
 * An open-loop schedule: operation n is due at start + n / rate, whatever happened to the earlier ones, so a
 * slow server shows up as latency rather than as a politely slower client. Single-threaded.
 */
final class Pacer {
    /** At most this many operations per call, so one loop iteration never starves the socket reads. */
    private static final int MAX_BURST = 256;

    private final double perNano;
    private final long start;
    private final long limit;
    private long done;

    /** @param limit total operations, or Long.MAX_VALUE for "until stopped" */
    Pacer(double perSecond, long startNanos, long limit) {
        this.perNano = perSecond / 1e9;
        this.start = startNanos;
        this.limit = limit;
    }

    /** How many operations are due now and not yet done. */
    int due(long nowNanos) {
        long target = Math.min(limit, (long) ((nowNanos - start) * perNano) + 1);
        return (int) Math.min(MAX_BURST, Math.max(0, target - done));
    }

    void done(int count) {
        done += count;
    }

    long count() {
        return done;
    }

    boolean finished() {
        return done >= limit;
    }
}
