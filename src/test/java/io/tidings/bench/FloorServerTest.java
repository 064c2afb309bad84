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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The floor server must carry the bench's traffic exactly as the bench counts it (every alert and push
 * once), or its figures would not be the floor under the same work.
 */
class FloorServerTest {
    private FloorServer floor;

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
    }

    @AfterEach
    void stop() {
        floor.close();
    }

    @Test
    void carriesAlertsAndPushesOnceEach() throws Exception {
        WsTarget target = new WsTarget(new InetSocketAddress("127.0.0.1", floor.port()),
                "127.0.0.1:" + floor.port(), "/ws", false);
        try (LoadClient client = new LoadClient(target, 2, 2, uid -> "unchecked");
                ApiPusher api = new ApiPusher(URI.create("http://127.0.0.1:" + floor.port() + "/"), "unchecked", 2)) {
            List<BenchSession> sessions = client.newSessions(6);
            client.connect(sessions, 1000, Duration.ofSeconds(10));
            assertTrue(client.awaitSettled(sessions, Duration.ofSeconds(10)), "sessions did not settle");
            assertEquals(6, sessions.stream().filter(BenchSession::isOpen).count());

            long start = System.nanoTime();
            for (ClientLoop loop : client.loops()) {
                List<BenchSession> senders = sessions.stream().filter(s -> client.loopOf(s) == loop).toList();
                List<BenchSession> receivers = senders.stream()
                        .map(s -> sessions.get((sessions.indexOf(s) + 1) % sessions.size())).toList();
                loop.addTask(new AlertTask(senders, receivers, 100, start, start + 200_000_000L, false, ""));
            }
            for (BenchSession receiver : sessions) {
                String marker = Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
                api.post("api/push", "{\"uid\":\"" + receiver.uid + "\",\"event\":\"bench\",\"data\":{\"m\":\""
                        + marker + "\"}}");
            }
            assertTrue(api.awaitIdle(Duration.ofSeconds(10)), "pushes still outstanding");
            assertEquals(Map.of("200", 6L), api.outcomes());

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((System.nanoTime() < start + 250_000_000L || missing(sessions) > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long expected = sessions.stream().mapToLong(s -> s.expected.get()).sum();
            assertTrue(expected >= 6 + 10, "only " + expected + " messages sent");
            assertEquals(expected, client.snapshot().received());
            assertEquals(0, client.snapshot().duplicates());
            client.close(sessions);
        }
    }

    private static long missing(List<BenchSession> sessions) {
        return sessions.stream().mapToLong(s -> s.expected.get() - s.distinct()).sum();
    }
}
