package io.tidings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The floor server must carry the bench's traffic exactly as the bench counts it (every alert, push and
 * broadcast once, to the session it was for), or its figures would not be the floor under the same work.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloorServerTest {
    private FloorServer floor;
    private LoadClient client;
    private ApiPusher api;

    @BeforeEach
    void start() throws IOException {
        floor = FloorServer.bind(0);
        Thread loop = new Thread(() -> {
            try {
                floor.serve();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "floor-server");
        loop.setDaemon(true);
        loop.start();
        WsTarget target = new WsTarget(new InetSocketAddress("127.0.0.1", floor.port()),
                "127.0.0.1:" + floor.port(), "/ws", false);
        client = new LoadClient(target, 2, 2, uid -> "unchecked");
        api = new ApiPusher(URI.create("http://127.0.0.1:" + floor.port() + "/"), "unchecked", 2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        api.close();
        client.close();
        floor.close();
    }

    @Test
    void carriesAlertsAndPushesOnceEachToTheirSession() throws Exception {
        List<BenchSession> sessions = open(6);
        long start = System.nanoTime();
        client.alertNeighbours(sessions, 200, start, start + 200_000_000L, false, "");
        for (BenchSession receiver : sessions) {
            String marker = Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
            api.post("api/push", "{\"uid\":\"" + receiver.uid + "\",\"event\":\"bench\",\"data\":{\"m\":\""
                    + marker + "\"}}");
        }
        assertTrue(api.awaitIdle(Duration.ofSeconds(10)), "pushes still outstanding");
        assertEquals(Map.of("200", 6L), api.outcomes());
        while (System.nanoTime() < start + 250_000_000L) {
            Thread.sleep(10); // the alert tasks send for 200 ms
        }
        long expected = sessions.stream().mapToLong(s -> s.expected.get()).sum();
        assertTrue(expected >= 6 + 10, "only " + expected + " messages sent");
        assertEveryOneArrivedOnce(sessions);
    }

    @Test
    void carriesBroadcastsOnceToEverySession() throws Exception {
        List<BenchSession> sessions = open(4);
        for (int seq = 0; seq < 3; seq++) {
            sessions.forEach(s -> s.expected.incrementAndGet());
            api.post("api/push", "{\"all\":true,\"event\":\"bench\",\"data\":{\"m\":\""
                    + Marker.of(seq, System.nanoTime()) + "\"}}");
        }
        assertTrue(api.awaitIdle(Duration.ofSeconds(10)), "broadcasts still outstanding");
        assertEquals(Map.of("200", 3L), api.outcomes());
        assertEveryOneArrivedOnce(sessions);
    }

    private List<BenchSession> open(int count) throws Exception {
        List<BenchSession> sessions = client.newSessions(count);
        client.connect(sessions, 1000, Duration.ofSeconds(10));
        assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(10)), "sessions did not settle");
        assertEquals(count, sessions.stream().filter(BenchSession::isOpen).count());
        return sessions;
    }

    /** Each session got exactly the sequence numbers meant for it: a message at the wrong session shows too. */
    private void assertEveryOneArrivedOnce(List<BenchSession> sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sessions.stream().anyMatch(s -> s.distinct() < s.expected.get()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (BenchSession session : sessions) {
            assertEquals(session.expected.get(), session.distinct(), session.uid);
        }
        assertEquals(0, client.snapshot().duplicates());
        client.close(sessions);
    }
}
