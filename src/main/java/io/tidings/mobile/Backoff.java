package io.tidings.mobile;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the wait after the n-th failed try is {@code first * 2^(n-1)}, at most
 * {@code max}, drawn between half of it and all of it, so the retries of many jobs that failed together (a
 * provider's outage) spread out instead of arriving together.
 */
public record Backoff(long firstMillis, long maxMillis, DoubleSupplier random) {
    /** 1 s, 2 s, 4 s ... up to 10 minutes. */
    public static Backoff standard() {
        return new Backoff(1_000, 600_000, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code attempt}-th try (1 for the first) failed. */
    public long delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long full = Math.min(maxMillis, firstMillis << doublings);
        return full / 2 + (long) (random.getAsDouble() * (full - full / 2));
    }
}
