package io.tidings.bench;

import java.util.List;

/**
 * One loop's share of the alert traffic: its sessions, in turn, send an alertTip to their fixed neighbour at
 * the loop's share of the rate until the stop time. Measured alerts take the receiver's next sequence number;
 * warm-up alerts carry {@link Marker#WARMUP} and are not counted.
 */
final class AlertTask extends PacedTask {
    private final List<BenchSession> receivers;
    private final boolean warmup;
    private final String padding;
    private int next;

    /** receivers.get(i) is the neighbour of senders.get(i). */
    AlertTask(List<BenchSession> senders, List<BenchSession> receivers, double perSecond, long startNanos,
            long stopNanos, boolean warmup, String padding) {
        super(senders, perSecond, startNanos, stopNanos);
        this.receivers = receivers;
        this.warmup = warmup;
        this.padding = padding;
    }

    @Override
    void next() {
        int at = next++ % senders.size();
        BenchSession sender = senders.get(at);
        BenchSession receiver = receivers.get(at);
        if (!sender.isOpen() || !receiver.isOpen()) {
            return;
        }
        String content = warmup ? Marker.WARMUP : Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
        sender.sendText("{\"event\":\"alertTip\",\"toUid\":\"" + receiver.uid + "\",\"content\":\"" + content
                + padding + "\"}");
    }
}
