package io.tidings.launcher.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.RawHttp;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the embedded server's own transport (direct) does itself, where Jakarta containers do
 * it for Tidings: assembling fragmented text, strict UTF-8, answering pings, sending a frame larger than
 * TIDINGS_MAX_FRAME whole, and cutting off a client that does not finish the close handshake. The protocol suites run over
 * the default transport too; these cover the frame level, for each transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransportContract {
    static final int MAX_FRAME = 4096;
    TestServer server;

    /** TIDINGS_EMBEDDED_WEBSOCKET for this run. */
    abstract String transport();

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_MAX_FRAME", String.valueOf(MAX_FRAME),
                "TIDINGS_EMBEDDED_WEBSOCKET", transport()));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void noAnswerNamesTheServerSoftware() throws Exception {
        try (RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            String push = "{\"uid\":\"nobody\",\"event\":\"e\"}";
            ApiClient.Reply pushed = http.write(RawHttp.Connection.postHead("api/push",
                    "Content-Length: " + push.length() + "\r\n") + push).reply();
            ApiClient.Reply health = http.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n").reply();
            URI ws = server.wsFor("899");
            String upgrade = http.write("GET " + ws.getRawPath() + "?" + ws.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").head();
            assertEquals(200, pushed.status(), pushed.body());
            assertEquals(Optional.empty(), pushed.headers().firstValue("Server"));
            assertEquals(Optional.empty(), health.headers().firstValue("Server"));
            assertTrue(upgrade.startsWith("HTTP/1.1 101 "), upgrade);
            assertFalse(upgrade.toLowerCase(Locale.ROOT).contains("\r\nserver:"), upgrade);
        }
    }

    @Test
    void fragmentedTextIsOneMessage() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("900"), 0)) {
            client.sendFrame(1, "{\"event\":".getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(9, "between".getBytes(StandardCharsets.UTF_8)); // a control frame may interleave
            // A euro sign split across fragments: UTF-8 is decoded over the whole message.
            byte[] euro = "\"p€\"}".getBytes(StandardCharsets.UTF_8);
            client.sendFrame(0, java.util.Arrays.copyOfRange(euro, 0, 3), false);
            client.sendFrame(0, java.util.Arrays.copyOfRange(euro, 3, euro.length), true);
            assertEquals(10, client.readFrame().opcode());
            RawWebSocket.Frame reply = client.readUntilClose();
            // "p€" is no event: the assembled message was read and dispatched, and closed 4004.
            assertEquals(4004, reply.closeCode());
        }
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("901"), 0)) {
            client.sendFrame(1, "{\"event\"".getBytes(StandardCharsets.UTF_8), false);
            client.sendFrame(0, ":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("{\"event\":\"pong\"}", client.readFrame().text());
        }
    }

    @Test
    void fragmentsOverTheLimitTogetherClose1009() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("902"), 0)) {
            byte[] half = new byte[MAX_FRAME / 2 + 1];
            java.util.Arrays.fill(half, (byte) ' ');
            client.sendFrame(1, half, false);
            client.sendFrame(0, half, true);
            assertEquals(1009, client.readUntilClose().closeCode());
        }
    }

    @Test
    void malformedUtf8Closes1007() throws Exception {
        byte[][] malformed = {
            {'{', '"', 'e', (byte) 0xff, '"', '}'},
            // A surrogate encoded in UTF-8 (CESU-8), which no valid UTF-8 text contains.
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0xbd, '"'},
        };
        for (byte[] payload : malformed) {
            try (RawWebSocket client = RawWebSocket.connect(server.wsFor("903"), 0)) {
                client.sendFrame(1, payload);
                assertInvalidUtf8(client);
            }
        }
    }

    /** Fragments go through another decoder than whole frames: a bad byte, or a sequence cut off at the end. */
    @Test
    void malformedUtf8InFragmentsCloses1007() throws Exception {
        byte[][][] messages = {
            {{'{', '"'}, {(byte) 0xff, '"', '}'}},
            {{'"', 'a'}, {(byte) 0xe2, (byte) 0x82}},
        };
        for (byte[][] fragments : messages) {
            try (RawWebSocket client = RawWebSocket.connect(server.wsFor("907"), 0)) {
                client.sendFrame(1, fragments[0], false);
                client.sendFrame(0, fragments[1], true);
                assertInvalidUtf8(client);
            }
        }
    }

    static void assertInvalidUtf8(RawWebSocket client) throws Exception {
        RawWebSocket.Frame close = client.readUntilClose();
        assertEquals(1007, close.closeCode());
        assertEquals("invalid UTF-8", close.text());
    }

    /**
     * A client that pings without reading stalls in its own socket: the next frame is read only once the pong is
     * out, so pongs cannot pile up in the server's memory. While the flood is blocked, the count stops growing.
     */
    @Test
    void aPingFloodFromAClientThatDoesNotReadIsHeldBackByItsSocket() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("908"), 4096)) {
            AtomicLong sent = new AtomicLong();
            Thread flood = new Thread(() -> {
                byte[] payload = new byte[125];
                try {
                    for (int i = 0; i < 2_000_000; i++) {
                        client.sendFrame(9, payload);
                        sent.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            flood.setDaemon(true);
            flood.start();
            long settled = waitUntilSteady(sent);
            assertTrue(settled < 2_000_000, "the server kept reading pings whose pongs nobody read");
        }
    }

    /** The count once it has not grown for a second (at most 20 s). */
    private static long waitUntilSteady(AtomicLong count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = count.get();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("still sending after 20 s: " + count.get() + " pings");
    }

    @Test
    void pingIsAnsweredWithItsPayload() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("904"), 0)) {
            byte[] payload = {1, 2, 3, 4};
            client.sendFrame(9, payload);
            RawWebSocket.Frame pong = client.readFrame();
            assertEquals(10, pong.opcode());
            assertArrayEquals(payload, pong.payload());
            client.sendFrame(9, new byte[0]);
            assertEquals(0, client.readFrame().payload().length);
        }
    }

    @Test
    void aFrameLargerThanTheInboundLimitGoesOutWhole() throws Exception {
        try (RawWebSocket target = RawWebSocket.connect(server.wsFor("905"), 0);
                RawWebSocket sender = RawWebSocket.connect(server.wsFor("906"), 0)) {
            target.sendText("{\"event\":\"ping\"}");
            target.readFrame(); // registered
            String content = "x".repeat(MAX_FRAME - 60);
            sender.sendText("{\"event\":\"alertTip\",\"toUid\":\"905\",\"content\":\"" + content + "\"}");
            RawWebSocket.Frame alert = target.readFrame(); // fails on a fragment
            assertTrue(alert.payload().length > MAX_FRAME, "the alert is larger than TIDINGS_MAX_FRAME");
            assertTrue(alert.text().contains(content));
        }
    }

    /** The server's count of admitted connections once it is at most {@code target}, or after 10 s. */
    int awaitAdmittedAtMost(int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.tidings().admission().open() > target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return server.tidings().admission().open();
    }

    /**
     * After our close frame the peer has 10 s: a peer that never answers but sends a byte now and then (each one
     * resetting any idle timeout) is still cut off, with its admission slot.
     */
    @Test
    void aClientTricklingBytesInsteadOfAnsweringTheCloseIsCutOffWithinTheGrace() throws Exception {
        assertEquals(0, server.awaitOpenConnectionsAtMost(0, java.time.Duration.ofSeconds(10)));
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("910"), 0)) {
            client.sendText("{\"event\":\"ping\"}");
            client.readFrame();
            server.tidings().hub().sessions("910").get(0).close(io.tidings.close.CloseReason.KICKED);
            assertEquals(4006, client.readFrame().closeCode());
            long closedAt = System.nanoTime();
            // A ping: a control frame is never handed over in pieces, so no byte of it counts as a frame.
            byte[] neverFinished = RawWebSocket.frame(0x89, new byte[125], true);
            Thread trickle = new Thread(() -> {
                try {
                    for (byte b : neverFinished) {
                        client.sendRaw(new byte[] {b});
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // the server dropped the connection, or the test is over
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            assertEquals(0, server.awaitOpenConnectionsAtMost(0, java.time.Duration.ofSeconds(15)),
                    "the connection outlived the close grace");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - closedAt);
            assertTrue(seconds >= 9, "cut off after " + seconds + " s, before the grace was over");
            assertEquals(0, awaitAdmittedAtMost(0));
            trickle.interrupt();
        }
    }
}
