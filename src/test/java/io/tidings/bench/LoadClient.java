package io.tidings.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The client side of a run: a few {@link ClientLoop}s and the sessions spread over them. Sessions bind to
 * source addresses 127.0.0.2, .3, ... in turn, so tens of thousands of connections never run out of ephemeral
 * ports (each source address has its own port range), even with closed ones lingering in TIME_WAIT.
 */
final class LoadClient implements AutoCloseable {
    private final List<ClientLoop> loops = new ArrayList<>();
    private final InetAddress[] sources;
    private final Function<String, String> tokenFor;
    private final String uidPrefix;
    private int created;

    LoadClient(WsTarget target, int loopCount, int sourceCount, Function<String, String> tokenFor)
            throws IOException {
        for (int i = 0; i < loopCount; i++) {
            loops.add(new ClientLoop(i, target));
        }
        this.sources = sourceAddresses(target, sourceCount);
        this.tokenFor = tokenFor;
        // Unique per run, so runs against a long-lived server never collide on uids.
        this.uidPrefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
    }

    private static InetAddress[] sourceAddresses(WsTarget target, int count) throws UnknownHostException {
        if (count <= 0 || !(target.address().getAddress() instanceof Inet4Address)) {
            return new InetAddress[] {null};
        }
        InetAddress[] addresses = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            int n = 2 + i;
            addresses[i] = InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
        }
        return addresses;
    }

    /** Makes sessions with fresh uids and their tokens (computed now, not during the measured connects). */
    List<BenchSession> newSessions(int count) {
        List<BenchSession> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = created++;
            String uid = uidPrefix + index;
            made.add(new BenchSession(index, uid, tokenFor.apply(uid)));
        }
        return made;
    }

    /** A session of a uid that already has one (a reconnect), with the next index for its loop and address. */
    BenchSession again(BenchSession earlier) {
        return new BenchSession(created++, earlier.uid, tokenFor.apply(earlier.uid));
    }

    List<ClientLoop> loops() {
        return loops;
    }

    ClientLoop loopOf(BenchSession session) {
        return loops.get(session.index % loops.size());
    }

    /**
     * Each session sends alertTips to its neighbour, the next one in the list (the last to the first), at
     * {@code perSecond} in all, spread over the loops, from {@code startNanos} until {@code stopNanos}.
     */
    void alertNeighbours(List<BenchSession> sessions, double perSecond, long startNanos, long stopNanos,
            boolean warmup, String padding) {
        for (ClientLoop loop : loops) {
            List<BenchSession> senders = new ArrayList<>();
            List<BenchSession> receivers = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                if (loopOf(sessions.get(i)) == loop) {
                    senders.add(sessions.get(i));
                    receivers.add(sessions.get((i + 1) % sessions.size()));
                }
            }
            loop.addTask(new AlertTask(senders, receivers, perSecond / loops.size(), startNanos, stopNanos, warmup,
                    padding));
        }
    }

    /** Connects the sessions at the given total rate; returns at once (see {@link #awaitSettled}). */
    void connect(List<BenchSession> sessions, double perSecond, Duration connectTimeout) {
        long start = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            List<BenchSession> share = new ArrayList<>();
            for (BenchSession session : sessions) {
                if (session.index % loops.size() == i) {
                    share.add(session);
                }
            }
            loops.get(i).addTask(new ConnectTask(share, perSecond / loops.size(), start, connectTimeout, sources));
        }
    }

    /** Waits until none of the sessions is still connecting, at most the given time; returns whether so. */
    boolean awaitSettled(List<BenchSession> sessions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (BenchSession session : sessions) {
            while (!session.isOpen() && !session.isDone()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    /** Sends a close frame on each open session (or drops it when not open). */
    void close(List<BenchSession> sessions) {
        forEachOnItsLoop(sessions, BenchSession::close);
    }

    /** Runs an action for each session on the session's own loop thread. */
    void forEachOnItsLoop(List<BenchSession> sessions, java.util.function.Consumer<BenchSession> action) {
        for (int i = 0; i < loops.size(); i++) {
            int loop = i;
            List<BenchSession> share = sessions.stream().filter(s -> s.index % loops.size() == loop).toList();
            loops.get(i).execute(() -> share.forEach(action));
        }
    }

    /** Merged counters and histograms of every loop, taken on the loops' threads. */
    Snapshot snapshot() {
        List<Snapshot> parts = new ArrayList<>();
        for (ClientLoop loop : loops) {
            parts.add(loop.call(() -> Snapshot.of(loop.stats())).join());
        }
        return Snapshot.merge(parts);
    }

    /** Forgets latencies and message counts on every loop, e.g. after a warm-up. */
    void resetTraffic() {
        for (ClientLoop loop : loops) {
            loop.call(() -> {
                loop.stats().resetTraffic();
                return null;
            }).join();
        }
    }

    /** Forgets the connect latency histogram, e.g. before the measured storm. */
    void resetConnects() {
        for (ClientLoop loop : loops) {
            loop.call(() -> {
                loop.stats().connect.clear();
                return null;
            }).join();
        }
    }

    long received() {
        return loops.stream().mapToLong(loop -> loop.stats().received).sum();
    }

    long opened() {
        return loops.stream().mapToLong(loop -> loop.stats().opened).sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (ClientLoop loop : loops) {
            loop.close();
        }
    }
}
