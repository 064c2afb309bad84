package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweeper closes silent sessions 4005 and pings quiet ones; text frames, pings and pongs all count as signs
 * of life.
 */
class HeartbeatTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_HEARTBEAT_IDLE", "2", "TIDINGS_HEARTBEAT_INTERVAL", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A raw client answers no ping: silent to the server, it is closed 4005. */
    @Test
    void aSilentSessionIsClosedWithHeartbeatTimeout() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("900"), 0)) {
            long started = System.nanoTime();
            RawWebSocket.Frame close = client.readUntilClose();
            assertEquals(4005, close.closeCode());
            assertEquals("heartbeat timeout", close.text());
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds >= 1 && seconds <= 4, "closed after idle (2 s) + at most one interval (1 s): " + seconds);
            assertEquals(0, server.tidings().hub().sessions("900").size());
        }
    }

    /** A client that sends nothing but whose library answers the server's pings (as browsers' do) stays. */
    @Test
    void aQuietClientThatAnswersPingsStays() throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("903"))) {
            assertNull(client.poll(Duration.ofSeconds(5)));
            assertTrue(client.isOpen(), "closed: " + WsClient.describe(client.closeFuture().getNow(null)));
        }
    }

    @Test
    void pingsAndPongsKeepASessionAliveBeyondTheIdleTime() throws Exception {
        try (WsClient pinger = WsClient.connect(server.wsFor("901"));
             WsClient ponger = WsClient.connect(server.wsFor("902"))) {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                pinger.send("{\"event\":\"ping\"}");
                assertEquals("pong", pinger.nextJson().getString("event"));
                ponger.session().getBasicRemote().sendPong(ByteBuffer.wrap(new byte[] {1}));
                assertTrue(pinger.poll(Duration.ofMillis(500)) == null);
            }
            assertTrue(pinger.isOpen(), "text pings kept the session");
            assertTrue(ponger.isOpen(), "pong frames kept the session");
        }
    }
}
