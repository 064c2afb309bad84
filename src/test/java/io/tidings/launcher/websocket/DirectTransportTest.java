package io.tidings.launcher.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RawWebSocket;
import java.io.EOFException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The frame-level contract over the direct transport (the embedded default), plus what only it does itself:
 * the handshake, RFC 6455's protocol errors, and the close handshake.
 */
class DirectTransportTest extends TransportContract {
    @Override
    String transport() {
        return "direct";
    }

    /**
     * A new session's 101 is held back until its welcome, and both leave in one write: the first read of the
     * answer holds both. Written apart, the 101 arrived alone and the welcome a moment later from the inbox's
     * reader thread; a refused session's close frame leaves with its 101 the same way.
     */
    @Test
    void theHandshakeAnswerArrivesTogetherWithTheFirstFrame() throws Exception {
        for (int run = 0; run < 20; run++) {
            String welcomed = new String(RawWebSocket.firstArrival(server.wsFor("930")), StandardCharsets.UTF_8);
            assertTrue(welcomed.startsWith("HTTP/1.1 101 "), welcomed);
            assertTrue(welcomed.contains("{\"event\":\"welcome\""), "run " + run + ": " + welcomed);
            URI refused = URI.create(server.wsFor("931").toString().replaceAll("token=[^&]*", "token=wrong"));
            String closed = new String(RawWebSocket.firstArrival(refused), StandardCharsets.ISO_8859_1);
            assertTrue(closed.startsWith("HTTP/1.1 101 "), closed);
            assertTrue(closed.contains("\r\n\r\n\u0088"), "run " + run + ": a close frame behind the 101: " + closed);
        }
    }

    @Test
    void framesThatBreakTheProtocolClose1002AndEndTheConnection() throws Exception {
        byte[] text = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        byte[][] violations = {
            RawWebSocket.frame(0x81, text, false), // not masked
            RawWebSocket.frame(0xC1, text, true), // RSV1 without an extension
            RawWebSocket.frame(0x83, text, true), // reserved opcode
            RawWebSocket.frame(0x09, new byte[0], true), // a fragmented ping
            RawWebSocket.frame(0x89, new byte[126], true), // a control frame over 125 bytes
            RawWebSocket.frame(0x80, text, true), // a continuation of no message
            concat(RawWebSocket.frame(0x01, text, true), RawWebSocket.frame(0x81, text, true)), // unfinished
            RawWebSocket.frame(0x88, new byte[] {0x03, (byte) 0xe8, (byte) 0xff}, true), // reason not UTF-8
            RawWebSocket.frame(0x88, new byte[] {0x03, (byte) 0xed}, true), // close code 1005, never sent
        };
        for (byte[] violation : violations) {
            try (RawWebSocket client = RawWebSocket.connect(server.wsFor("920"), 0)) {
                client.sendRaw(violation);
                RawWebSocket.Frame close = client.readUntilClose();
                assertEquals(1002, close.closeCode(), "after " + Arrays.toString(Arrays.copyOf(violation, 2)));
                assertEquals("protocol error", close.text());
                assertThrows(EOFException.class, client::readFrame, "the server ends the connection itself");
            }
        }
    }

    /**
     * Past a frame that breaks RFC 6455 the stream cannot be parsed, so no answer to the close frame could be read:
     * the server shuts its output behind the close frame and drops what still arrives until the client ends the
     * connection. Ending it at once, with the client's frames unread, made the kernel reset it: a client still
     * writing then failed (node's ws reports 1006) before it read the close frame. Repeated, since that raced.
     */
    @Test
    void aClientStillSendingAfterAProtocolErrorReadsIts1002() throws Exception {
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.write(RawWebSocket.frame(0x81, "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false));
        for (int i = 0; i < 50_000; i++) { // about 1 MB: more than the socket buffers take at once
            stream.write(RawWebSocket.frame(0x81, "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true));
        }
        byte[] unmaskedThenMore = stream.toByteArray();
        for (int run = 0; run < 20; run++) {
            try (RawWebSocket client = RawWebSocket.connect(server.wsFor("925"), 0)) {
                try {
                    client.sendRaw(unmaskedThenMore);
                } catch (java.io.IOException reset) {
                    throw new AssertionError("run " + run + ": reset while the client was still sending", reset);
                }
                assertEquals(1002, client.readUntilClose().closeCode(), "run " + run);
                assertTrue(client.awaitEnd(), "run " + run + ": the connection ended with a reset");
            }
        }
    }

    @Test
    void theClientsCloseIsAnsweredWithItsCodeAndTheConnectionEnds() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("921"), 0)) {
            client.sendText("{\"event\":\"ping\"}");
            client.readFrame();
            client.sendFrame(8, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}); // 1000 "bye"
            assertEquals(1000, client.readUntilClose().closeCode());
            assertThrows(EOFException.class, client::readFrame);
        }
    }

    @Test
    void aFrameSentRightBehindTheHandshakeIsRead() throws Exception {
        byte[] ping = RawWebSocket.frame(0x81, "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("922"), 0, ping)) {
            assertTrue(client.handshakeStatus().contains(" 101 "), client.handshakeStatus());
            assertEquals("{\"event\":\"pong\"}", client.readFrame().text());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A bad Origin (403) is OriginCheckTest's, a bad key (400) HandshakeIT's. */
    @Test
    void badHandshakesAreRefusedWithAnHttpStatus() throws Exception {
        String version8 = RawWebSocket.handshakeAnswer(server.wsFor("923"),
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8");
        assertTrue(version8.startsWith("HTTP/1.1 426 "), version8);
        assertTrue(version8.toLowerCase().contains("sec-websocket-version: 13"), version8);
        String noKey = RawWebSocket.handshakeAnswer(server.wsFor("923"), "Sec-WebSocket-Version: 13");
        assertTrue(noKey.startsWith("HTTP/1.1 400 "), noKey);
    }

    /**
     * A client that closes first while a large frame to it is stuck half written (it stopped reading): the
     * session is over and no longer counted, so its connection must not stay open beyond the close grace.
     */
    @Test
    void aClientThatClosesFirstWithoutReadingIsDisconnectedWithinTheGrace() throws Exception {
        assertEquals(0, server.awaitOpenConnectionsAtMost(0, java.time.Duration.ofSeconds(10)));
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("924"), 4096)) {
            client.sendText("{\"event\":\"ping\"}");
            client.readFrame(); // registered; from here on the client reads nothing
            server.tidings().hub().sendToUid("924", new io.tidings.hub.OutboundText("x".repeat(32 << 20)));
            client.sendFrame(8, new byte[] {0x03, (byte) 0xe8}); // closes first: 1000
            assertEquals(0, awaitAdmittedAtMost(0), "the session ended with the client's close frame");
            assertEquals(0, server.awaitOpenConnectionsAtMost(0, java.time.Duration.ofSeconds(20)),
                    "the connection outlived the close grace");
        }
    }
}
