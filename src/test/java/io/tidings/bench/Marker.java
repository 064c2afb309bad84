package io.tidings.bench;

import java.nio.charset.StandardCharsets;

/**
 * What the bench puts inside every message it sends, so the receiver can count and time it without a JSON
 * parser: {@code BENCH:<seq>:<nanoTime at send>}. The sequence is per receiving session (or per broadcast),
 * which makes lost and duplicate counting a bit set per receiver. Warm-up traffic carries {@code WARMUP}
 * instead and is not counted.
 */
final class Marker {
    static final String WARMUP = "WARMUP";
    private static final byte[] PREFIX = "BENCH:".getBytes(StandardCharsets.US_ASCII);

    private Marker() {
    }

    static String of(int seq, long sentNanos) {
        return "BENCH:" + seq + ':' + sentNanos;
    }

    /**
     * Finds a marker in a received frame; returns false when there is none. On success {@code into[0]} is the
     * sequence and {@code into[1]} the send time.
     */
    static boolean parse(byte[] data, int offset, int length, long[] into) {
        int end = offset + length;
        int at = indexOf(data, offset, end);
        if (at < 0) {
            return false;
        }
        int i = at + PREFIX.length;
        long seq = 0;
        int digits = 0;
        for (; i < end && data[i] >= '0' && data[i] <= '9'; i++, digits++) {
            seq = seq * 10 + (data[i] - '0');
        }
        if (digits == 0 || i >= end || data[i] != ':') {
            return false;
        }
        i++;
        boolean negative = i < end && data[i] == '-';
        if (negative) {
            i++;
        }
        long nanos = 0;
        digits = 0;
        for (; i < end && data[i] >= '0' && data[i] <= '9'; i++, digits++) {
            nanos = nanos * 10 + (data[i] - '0');
        }
        if (digits == 0) {
            return false;
        }
        into[0] = seq;
        into[1] = negative ? -nanos : nanos;
        return true;
    }

    private static int indexOf(byte[] data, int from, int end) {
        outer:
        for (int i = from; i <= end - PREFIX.length; i++) {
            for (int j = 0; j < PREFIX.length; j++) {
                if (data[i + j] != PREFIX[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
