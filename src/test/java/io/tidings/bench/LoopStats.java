package io.tidings.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one client loop saw. Written only by its loop thread; the counters are volatile so the main thread can
 * watch progress, and the histograms and close codes are read only through {@link ClientLoop#call}.
 */
final class LoopStats {
    final Histogram latency = new Histogram();
    final Histogram connect = new Histogram();
    /** Why sessions ended: close codes the server sent, or "connect:..." / "io:..." failures. */
    final Map<String, Integer> endings = new TreeMap<>();
    volatile long opened;
    volatile long failed;
    volatile long closed;
    volatile long received;
    volatile long duplicates;
    volatile long sent;
    volatile long unmarked;
    /** Sessions whose handshake answer accepted permessage-deflate. */
    volatile long deflateNegotiated;

    void ended(String why) {
        endings.merge(why, 1, Integer::sum);
    }

    /** Starts a new measured phase: forgets latencies and message counts, keeps session counts. */
    void resetTraffic() {
        latency.clear();
        received = 0;
        duplicates = 0;
        sent = 0;
        unmarked = 0;
    }
}
