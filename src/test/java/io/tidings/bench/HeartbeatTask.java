package io.tidings.bench;

import java.util.List;

/**
 * Keeps a loop's sessions alive the way a browser client does: an application {@code {"event":"ping"}} (a chat
 * session's {@code {"type":"pong"}}) from each session every interval, spread evenly over the interval, the first
 * a full interval after the start.
 */
final class HeartbeatTask implements ClientLoop.Task {
    static final String PING = "{\"event\":\"ping\"}";

    private final List<BenchSession> sessions;
    private final String frame;
    private final double intervalSeconds;
    private Pacer pacer;
    private long startAt = -1;
    private int next;
    private long lastLivenessCheck;

    HeartbeatTask(List<BenchSession> sessions, double intervalSeconds, String frame) {
        this.sessions = sessions;
        this.frame = frame;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public boolean run(ClientLoop loop, long now) {
        if (sessions.isEmpty()) {
            return false;
        }
        if (startAt < 0) {
            startAt = now + Run.seconds(intervalSeconds).toNanos();
        }
        if (now < startAt) {
            return true;
        }
        if (pacer == null) {
            pacer = new Pacer(sessions.size() / intervalSeconds, now, Long.MAX_VALUE);
        }
        int due = pacer.due(now);
        for (int i = 0; i < due; i++) {
            BenchSession session = sessions.get(next++ % sessions.size());
            if (session.isOpen()) {
                session.sendText(frame);
            }
        }
        pacer.done(due);
        if (now - lastLivenessCheck < 1_000_000_000L) {
            return true;
        }
        lastLivenessCheck = now;
        return sessions.stream().anyMatch(session -> !session.isDone());
    }
}
