package io.tidings.bench;

import java.util.BitSet;

/**
 * What one session received of the counted traffic: each {@link Marker} sequence number once (a second arrival is
 * a duplicate), with its latency. Written by the session's loop thread only.
 */
final class Receipts {
    private BitSet seen;
    private volatile int distinct;

    /** Counts one inbound message; one without a marker (a pong, warm-up traffic) is only tallied. */
    void count(byte[] message, int offset, int length, long nowNanos, LoopStats stats, long[] scratch) {
        if (!Marker.parse(message, offset, length, scratch)) {
            stats.unmarked++;
            return;
        }
        int seq = (int) scratch[0];
        if (seen == null) {
            seen = new BitSet();
        }
        if (seen.get(seq)) {
            stats.duplicates++;
            return;
        }
        seen.set(seq);
        distinct++;
        stats.received++;
        stats.latency.record(nowNanos - scratch[1]);
    }

    /** Distinct counted messages so far. */
    int distinct() {
        return distinct;
    }
}
