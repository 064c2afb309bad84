package io.tidings.bench;

import java.util.List;

/**
 * One loop's share of the alert traffic: its sessions, in turn, send an alertTip to their fixed neighbour at
 * the loop's share of the rate until the stop time. Measured alerts take the receiver's next sequence number;
 * warm-up alerts carry {@link Marker#WARMUP} and are not counted.
 */
final class AlertTask implements ClientLoop.Task {
    private final List<BenchSession> senders;
    private final List<BenchSession> receivers;
    private final Pacer pacer;
    private final long stopAt;
    private final boolean warmup;
    private final String padding;
    private int next;

    /** receivers.get(i) is the neighbour of senders.get(i). */
    AlertTask(List<BenchSession> senders, List<BenchSession> receivers, double perSecond, long startNanos,
            long stopNanos, boolean warmup, String padding) {
        this.senders = senders;
        this.receivers = receivers;
        this.pacer = new Pacer(perSecond, startNanos, Long.MAX_VALUE);
        this.stopAt = stopNanos;
        this.warmup = warmup;
        this.padding = padding;
    }

    @Override
    public boolean run(ClientLoop loop, long now) {
        if (now >= stopAt || senders.isEmpty()) {
            return false;
        }
        int due = pacer.due(now);
        for (int i = 0; i < due; i++) {
            int at = next++ % senders.size();
            BenchSession sender = senders.get(at);
            BenchSession receiver = receivers.get(at);
            if (!sender.isOpen() || !receiver.isOpen()) {
                continue;
            }
            String content = warmup ? Marker.WARMUP
                    : Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
            sender.sendText("{\"event\":\"alertTip\",\"toUid\":\"" + receiver.uid + "\",\"content\":\""
                    + content + padding + "\"}");
        }
        pacer.done(due);
        return true;
    }
}
