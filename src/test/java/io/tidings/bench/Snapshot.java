package io.tidings.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The client loops' counters and histograms at one moment, merged. */
record Snapshot(Histogram latency, Histogram connect, Map<String, Integer> endings, long opened, long failed,
        long closed, long received, long duplicates, long sent, long unmarked, long deflateNegotiated) {

    static Snapshot of(LoopStats stats) {
        Histogram latency = new Histogram();
        latency.add(stats.latency);
        Histogram connect = new Histogram();
        connect.add(stats.connect);
        return new Snapshot(latency, connect, new TreeMap<>(stats.endings), stats.opened, stats.failed,
                stats.closed, stats.received, stats.duplicates, stats.sent, stats.unmarked, stats.deflateNegotiated);
    }

    static Snapshot merge(List<Snapshot> parts) {
        Histogram latency = new Histogram();
        Histogram connect = new Histogram();
        Map<String, Integer> endings = new TreeMap<>();
        long opened = 0, failed = 0, closed = 0, received = 0, duplicates = 0, sent = 0, unmarked = 0, deflate = 0;
        for (Snapshot part : parts) {
            latency.add(part.latency);
            connect.add(part.connect);
            part.endings.forEach((why, count) -> endings.merge(why, count, Integer::sum));
            opened += part.opened;
            failed += part.failed;
            closed += part.closed;
            received += part.received;
            duplicates += part.duplicates;
            sent += part.sent;
            unmarked += part.unmarked;
            deflate += part.deflateNegotiated;
        }
        return new Snapshot(latency, connect, endings, opened, failed, closed, received, duplicates, sent, unmarked,
                deflate);
    }
}
