package io.tidings.launcher.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RawWebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.junit.jupiter.api.Test;

/**
 * Pins what the direct transport relies on of Jetty's internal frame {@link Parser} and {@link Generator}
 * (package {@code websocket.core.internal}, which Jetty may change in any release): a Jetty upgrade that changes
 * any of it fails here, before the transport misbehaves on the wire.
 */
class JettyFramingTest {
    private final Parser parser = new Parser(new ArrayByteBufferPool(), FrameReader.FRAMING);

    /**
     * Header bytes alone give nothing; the payload is handed over, unmasked, as it arrives, in pieces whose
     * last one ends the message. A frame that arrives whole is handed over whole.
     */
    @Test
    void aFrameIsHandedOverUnmaskedAsItsPayloadArrives() {
        byte[] text = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        byte[] wire = RawWebSocket.frame(0x81, text, true);
        int header = wire.length - text.length;
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        boolean fin = false;
        byte[] trickle = wire.clone(); // the parser unmasks in place
        for (int i = 0; i < trickle.length; i++) {
            Frame.Parsed frame = parser.parse(ByteBuffer.wrap(trickle, i, 1));
            if (i < header) {
                assertNull(frame, "nothing before the payload");
                continue;
            }
            assertTrue(frame.isMasked());
            payload.writeBytes(BufferUtil.toArray(frame.getPayload()));
            fin = frame.isFin();
            frame.close();
        }
        assertArrayEquals(text, payload.toByteArray());
        assertTrue(fin);
        Frame.Parsed whole = parser.parse(ByteBuffer.wrap(wire));
        assertTrue(whole.isFin());
        assertEquals(OpCode.TEXT, whole.getOpCode());
        assertArrayEquals(text, BufferUtil.toArray(whole.getPayload()));
        whole.close();
    }

    /** The transport refuses unmasked frames itself (1002): the parser must hand them over, marked. */
    @Test
    void anUnmaskedFrameIsHandedOverAndSaysSo() {
        Frame.Parsed frame = parser.parse(ByteBuffer.wrap(RawWebSocket.frame(0x81, new byte[] {'{', '}'}, false)));
        assertFalse(frame.isMasked());
        frame.close();
    }

    /**
     * With no size limit and auto-fragmenting on, a large frame comes out in pieces as its bytes arrive, so the
     * transport can count TIDINGS_MAX_FRAME without ever buffering more.
     */
    @Test
    void aLargeFrameIsHandedOverInPiecesAsItArrives() {
        byte[] payload = new byte[200_000];
        Arrays.fill(payload, (byte) 'x');
        ByteBuffer wire = ByteBuffer.wrap(RawWebSocket.frame(0x81, payload, true));
        long total = 0;
        int pieces = 0;
        boolean fin = false;
        while (wire.hasRemaining()) {
            ByteBuffer chunk = wire.slice(wire.position(), Math.min(4096, wire.remaining()));
            wire.position(wire.position() + chunk.remaining());
            for (Frame.Parsed frame = parser.parse(chunk); frame != null; frame = parser.parse(chunk)) {
                assertEquals(pieces == 0 ? OpCode.TEXT : OpCode.CONTINUATION, frame.getOpCode());
                assertTrue(frame.getPayloadLength() <= 4096, "a piece is at most what arrived");
                total += frame.getPayloadLength();
                fin = frame.isFin();
                pieces++;
                frame.close();
            }
        }
        assertEquals(payload.length, total);
        assertTrue(fin, "the last piece ends the message");
        assertTrue(pieces > 1);
    }

    /**
     * Once a frame's header is read, the parser tells the length it announced (never more than it will be while
     * the length bytes still arrive, 0 or -1 between frames), so a frame over TIDINGS_MAX_FRAME is refused before its
     * payload comes. A length beyond 2^31 is a MessageTooLargeException.
     */
    @Test
    void theAnnouncedLengthIsKnownOnceTheHeaderIsRead() {
        byte[] wire = RawWebSocket.frame(0x81, new byte[70_000], true);
        int header = 2 + 8 + 4; // 127, eight length bytes, the mask
        assertTrue(parser.getPayloadLength() <= 0, "nothing announced before a frame");
        for (int i = 0; i < header; i++) {
            assertNull(parser.parse(ByteBuffer.wrap(wire, i, 1)));
            assertTrue(parser.getPayloadLength() <= 70_000, "at most the announced length, byte " + i);
        }
        assertEquals(70_000, parser.getPayloadLength());
        Frame.Parsed piece = parser.parse(ByteBuffer.wrap(wire, header, 1000));
        piece.close();
        assertEquals(69_000, parser.getPayloadLength(), "what remains of the frame");
        byte[] huge = {(byte) 0x81, (byte) 0xff, 0, 0, 0, 1, 0, 0, 0, 0};
        Parser fresh = new Parser(new ArrayByteBufferPool(), FrameReader.FRAMING);
        assertThrows(MessageTooLargeException.class, () -> fresh.parse(ByteBuffer.wrap(huge)));
    }

    @Test
    void whatBreaksRfc6455IsAWebSocketException() {
        assertThrows(WebSocketException.class, () -> parser.parse(ByteBuffer.wrap(
                RawWebSocket.frame(0x83, new byte[0], true)))); // reserved opcode
        Parser fresh = new Parser(new ArrayByteBufferPool(), FrameReader.FRAMING);
        assertThrows(WebSocketException.class, () -> fresh.parse(ByteBuffer.wrap(
                RawWebSocket.frame(0x88, new byte[] {0x03, (byte) 0xed}, true))), "close code 1005 is never sent");
    }

    @Test
    void theGeneratorWritesWholeUnmaskedFramesWithTheRightLengthField() {
        for (int length : new int[] {0, 125, 126, 65535, 65536}) {
            ByteBuffer out = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + length);
            new Generator().generateWholeFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(new byte[length])), out);
            byte[] bytes = BufferUtil.toArray(out);
            assertArrayEquals(RawWebSocket.frame(0x81, new byte[length], false), bytes, "length " + length);
        }
    }
}
