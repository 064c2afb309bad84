package io.tidings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load tool's own WebSocket client against the real server: if it miscounted, every figure it prints would be
 * wrong, so its counting is checked here (the speed is not: that is the benchmark's job).
 */
class LoadClientTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static LoadClient client(boolean deflate, String key) throws Exception {
        WsTarget target = new WsTarget(new InetSocketAddress("127.0.0.1", server.port()), "127.0.0.1:" + server.port(),
                "/ws", deflate);
        return new LoadClient(target, 2, 4, uid -> LegacyToken.issue(uid, key));
    }

    @Test
    void sessionsFromSeveralSourceAddressesOpenAndCountEveryAlertOnce() throws Exception {
        assertAlertsCounted(false);
    }

    @Test
    void countsAlsoWhenPermessageDeflateIsOffered() throws Exception {
        assertAlertsCounted(true);
    }

    private void assertAlertsCounted(boolean deflate) throws Exception {
        try (LoadClient client = client(deflate, TestServer.KEY)) {
            List<BenchSession> sessions = client.newSessions(10);
            client.connect(sessions, 1000, Duration.ofSeconds(10));
            assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(10)), "sessions did not settle");
            assertEquals(10, sessions.stream().filter(BenchSession::isOpen).count(), client.snapshot().endings()::toString);

            long start = System.nanoTime();
            client.alertNeighbours(sessions, 400, start, start + 500_000_000L, false, "");
            long sendingEnds = start + 500_000_000L;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // Wait for the senders to stop, then for the last alerts to arrive.
            while ((System.nanoTime() < sendingEnds + 50_000_000L || missing(sessions) > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long expected = sessions.stream().mapToLong(s -> s.expected.get()).sum();
            Snapshot snapshot = client.snapshot();
            assertTrue(expected >= 100, "only " + expected + " alerts sent in 0.5 s at 200/s");
            assertEquals(expected, snapshot.received());
            assertEquals(0, snapshot.duplicates());
            assertEquals(expected, snapshot.latency().count());
            client.close(sessions);
        }
    }

    private static long missing(List<BenchSession> sessions) {
        return sessions.stream().mapToLong(s -> s.expected.get() - s.distinct()).sum();
    }

    @Test
    void apiPusherCountsAnswersByStatusOverKeptAliveConnections() throws Exception {
        try (ApiPusher api = new ApiPusher(server.http(), TestServer.API_KEY, 2)) {
            for (int i = 0; i < 5; i++) {
                api.post("api/push", "{\"uid\":\"nobody-" + i + "\",\"event\":\"bench\",\"data\":{}}");
            }
            api.post("api/push", "{\"event\":\"bench\"}");
            assertTrue(api.awaitIdle(Duration.ofSeconds(10)), "requests still outstanding");
            assertEquals(Map.of("200", 5L, "400", 1L), api.outcomes());
            assertTrue(api.firstError().startsWith("400 {\"error\":"), api.firstError());
        }
        try (ApiPusher wrongKey = new ApiPusher(server.http(), "not-the-api-key-0123456789", 1)) {
            wrongKey.post("api/push", "{\"uid\":\"1\",\"event\":\"bench\"}");
            assertTrue(wrongKey.awaitIdle(Duration.ofSeconds(10)), "request still outstanding");
            assertEquals(Map.of("401", 1L), wrongKey.outcomes());
        }
    }

    @Test
    void aRejectedSessionEndsWithTheServersCloseCode() throws Exception {
        try (LoadClient client = client(false, "not-the-key-0123456789abcdef0123456789")) {
            List<BenchSession> sessions = client.newSessions(2);
            client.connect(sessions, 1000, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!sessions.stream().allMatch(BenchSession::isDone) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(Map.of("4001", 2), client.snapshot().endings());
        }
    }
}
