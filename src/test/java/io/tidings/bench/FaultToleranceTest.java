package io.tidings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.push.Target;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Faults with many clients, through the bench's own non-blocking client (Tyrus would need threads per
 * connection): one stalled reader among a thousand, and ten thousand clients coming back at once.
 */
public class FaultToleranceTest {
    /** A pushed frame carrying the bench's marker (sequence and send time) in its data. */
    public record Note(String event, String data) {
    }

    @Test
    void aStalledReaderIsClosedSlowConsumerWhileAThousandOthersKeepTheirLatency() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_SEND_QUEUE", "65536"));
             LoadClient client = client(server.port(), TestServer.KEY)) {
            List<BenchSession> sessions = client.newSessions(1000);
            client.connect(sessions, 2000, Duration.ofSeconds(20));
            assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(30)), "sessions did not settle");
            assertEquals(1000, sessions.stream().filter(BenchSession::isOpen).count());
            awaitRegistered(server, 1000);

            long baselineP99 = pushRounds(server, client, sessions, 10);
            client.resetTraffic();
            try (RawWebSocket stalled = RawWebSocket.connect(
                    server.ws("uid=stalled&token=" + LegacyToken.issue("stalled", TestServer.KEY)), 4096)) {
                awaitRegistered(server, 1001);
                CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> flood(server));
                long stalledP99 = pushRounds(server, client, sessions, 10);
                int floodFrames = flood.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(server.tidings().hub().sessions("stalled").isEmpty(), "stalled reader dropped after "
                        + floodFrames + " frames");
                assertEquals(4008, stalled.readUntilClose().closeCode());
                // Generous on purpose: a shared writer or an unbounded queue would stall the others for good.
                assertTrue(stalledP99 < Math.max(1_000_000_000L, 20 * baselineP99),
                        "p99 " + stalledP99 / 1e6 + " ms beside the stalled reader, " + baselineP99 / 1e6 + " ms before");
            }
            client.close(sessions);
        }
    }

    @Test
    void tenThousandClientsReconnectingAtOnceAfterARestartAllGetBackIn() throws Exception {
        String key = "restart-key-0123456789abcdef0123456";
        int clients = 10_000;
        int port;
        try (LauncherProcess first = launcher(key, 0)) {
            port = first.awaitPort(Duration.ofSeconds(60));
            try (LoadClient client = client(port, key)) {
                List<BenchSession> sessions = client.newSessions(clients);
                client.connect(sessions, 5000, Duration.ofSeconds(30));
                assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(60)), "first connects did not settle");
                assertEquals(clients, sessions.stream().filter(BenchSession::isOpen).count());
                first.terminate(Duration.ofSeconds(30));
            }
        }
        try (LauncherProcess second = launcher(key, port);
             LoadClient client = client(port, key)) {
            second.awaitPort(Duration.ofSeconds(60));
            List<BenchSession> sessions = client.newSessions(clients);
            client.connect(sessions, 1_000_000, Duration.ofSeconds(60));
            assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(90)), "reconnects did not settle");
            assertEquals(clients, sessions.stream().filter(BenchSession::isOpen).count(),
                    () -> "not all back in: " + client.snapshot().endings());
            second.terminate(Duration.ofSeconds(30));
        }
    }

    /** Pushes rounds of marked frames to every session; waits until all arrived; returns the p99 in ns. */
    private static long pushRounds(TestServer server, LoadClient client, List<BenchSession> sessions, int rounds)
            throws InterruptedException {
        for (int round = 0; round < rounds; round++) {
            for (BenchSession session : sessions) {
                int seq = session.expected.getAndIncrement();
                String marker = Marker.of(seq, System.nanoTime());
                server.tidings().delivery().deliver(new Target.Uid(session.uid), (id, ts) -> new Note("note", marker));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (missing(sessions) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Snapshot snapshot = client.snapshot();
        assertEquals(0, missing(sessions), "every frame arrived");
        assertEquals(0, snapshot.duplicates());
        return snapshot.latency().quantile(0.99);
    }

    /** Writes 8 KiB frames to the stalled uid until the server drops it (bounded). */
    private static int flood(TestServer server) {
        String chunk = "x".repeat(8192);
        int sent = 0;
        while (!server.tidings().hub().sessions("stalled").isEmpty() && sent < 20_000) {
            server.tidings().delivery().deliver(new Target.Uid("stalled"), (id, ts) -> new Note("fill", chunk));
            sent++;
        }
        return sent;
    }

    private static long missing(List<BenchSession> sessions) {
        return sessions.stream().mapToLong(s -> s.expected.get() - s.distinct()).sum();
    }

    private static void awaitRegistered(TestServer server, int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.tidings().hub().size() < sessions && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(sessions, server.tidings().hub().size());
    }

    private static LoadClient client(int port, String key) throws Exception {
        WsTarget target = new WsTarget(new InetSocketAddress("127.0.0.1", port), "127.0.0.1:" + port, "/ws", false);
        return new LoadClient(target, 2, 32, uid -> LegacyToken.issue(uid, key));
    }

    private static LauncherProcess launcher(String key, int port) throws Exception {
        return new LauncherProcess(Map.of("TIDINGS_KEY", key, "TIDINGS_PORT", Integer.toString(port),
                "TIDINGS_HOST", "127.0.0.1", "TIDINGS_INBOX", "memory"));
    }
}
