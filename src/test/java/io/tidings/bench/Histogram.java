package io.tidings.bench;

/**
 * A fixed-size log-linear histogram of nanosecond values: 64 sub-buckets per power of two, so any percentile is
 * within about 1.6% of the truth, in 32 KiB whatever the run's length. The maximum is kept exactly. Not
 * thread-safe: each client loop records into its own and they are merged at the end.
 */
final class Histogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;

    private final long[] counts = new long[64 * SUB];
    private long count;
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        count++;
        max = Math.max(max, value);
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        count = 0;
        max = 0;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** The value at the given quantile (0..1): the middle of its bucket, never above the exact maximum. */
    long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, (lowerBound(i) + lowerBound(i + 1)) / 2);
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value);
        int shift = magnitude - SUB_BITS;
        int sub = (int) (value >>> shift) & (SUB - 1);
        return (magnitude - SUB_BITS + 1) * SUB + sub;
    }

    static long lowerBound(int index) {
        int magnitude = index / SUB;
        int sub = index % SUB;
        return magnitude == 0 ? sub : (long) (SUB + sub) << (magnitude - 1);
    }
}
