package io.tidings.bench;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** Opens one loop's share of sessions on schedule, and fails those that take longer than the connect timeout. */
final class ConnectTask implements ClientLoop.Task {
    private static final long TIMEOUT_CHECK_NANOS = 100_000_000L;

    private final List<BenchSession> sessions;
    private final Pacer pacer;
    private final long timeoutNanos;
    private final InetAddress[] sources;
    private int next;
    private int oldestUnsettled;
    private long lastTimeoutCheck;

    ConnectTask(List<BenchSession> sessions, double perSecond, long startNanos, Duration timeout,
            InetAddress[] sources) {
        this.sessions = sessions;
        this.pacer = new Pacer(perSecond, startNanos, sessions.size());
        this.timeoutNanos = timeout.toNanos();
        this.sources = sources;
    }

    @Override
    public boolean run(ClientLoop loop, long now) {
        int due = pacer.due(now);
        for (int i = 0; i < due; i++) {
            BenchSession session = sessions.get(next++);
            session.connect(loop, session.targetOr(loop.target()), sources[session.index % sources.length]);
        }
        pacer.done(due);
        if (now - lastTimeoutCheck >= TIMEOUT_CHECK_NANOS) {
            lastTimeoutCheck = now;
            failTimedOut(now);
        }
        return oldestUnsettled < sessions.size();
    }

    private void failTimedOut(long now) {
        while (oldestUnsettled < next && !sessions.get(oldestUnsettled).isPending()) {
            oldestUnsettled++;
        }
        for (int i = oldestUnsettled; i < next; i++) {
            BenchSession session = sessions.get(i);
            if (now - session.connectStarted() < timeoutNanos) {
                break;
            }
            if (session.isPending()) {
                session.fail("connect timeout");
            }
        }
    }
}
