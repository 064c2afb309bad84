package io.tidings.limit;

/**
 * A token bucket on the monotonic clock: {@code rate} tokens per second, at most {@code burst} saved up. Small
 * on purpose (two fields of state), because every session carries one. Thread-safe.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes one token if there is one; false means over the rate. */
    public synchronized boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            refilledAt = nowNanos;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
