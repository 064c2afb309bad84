package io.tidings.launcher.websocket;

import io.tidings.session.InboundLimit;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Turns inbound fragments into whole messages, the part of a WebSocket container that a frame parser leaves to
 * its user: at most TIDINGS_MAX_FRAME bytes however the client fragments them (Jetty's parser hands over a
 * large frame in pieces as they arrive, so nothing bigger than the limit is ever buffered), and strict UTF-8
 * (a malformed sequence is never replaced by '?': it makes the message invalid). Binary messages are only
 * counted, never kept. Most messages are one frame and take the fast path.
 */
final class MessageAssembly {
    enum Result { PARTIAL, TEXT, BINARY, TOO_BIG, INVALID, OUT_OF_SEQUENCE }

    private final InboundLimit limit;
    private byte kind = -1;
    private long bytes;
    private Utf8StringBuilder fragments;
    private String text;

    MessageAssembly(InboundLimit limit) {
        this.limit = limit;
    }

    /** Adds a TEXT, BINARY or CONTINUATION frame; its payload is read, never kept. */
    Result add(Frame frame) {
        byte opCode = frame.getOpCode();
        if ((opCode == OpCode.CONTINUATION) != (kind >= 0)) {
            return end(Result.OUT_OF_SEQUENCE); // a new message before the last one ended, or a stray continuation
        }
        if (opCode != OpCode.CONTINUATION) {
            kind = opCode;
        }
        bytes += frame.getPayloadLength();
        if (limit.exceedsBytes(bytes)) {
            return end(Result.TOO_BIG);
        }
        if (kind == OpCode.BINARY) {
            return frame.isFin() ? end(Result.BINARY) : Result.PARTIAL;
        }
        if (frame.isFin() && fragments == null) {
            text = decode(frame.getPayload());
            return end(text == null ? Result.INVALID : Result.TEXT);
        }
        if (fragments == null) {
            fragments = new Utf8StringBuilder(CodingErrorAction.REPORT, CodingErrorAction.REPORT);
        }
        // With REPORT, Jetty's builder throws an unchecked Utf8IllegalArgumentException on a malformed byte
        // (append) or a sequence cut off at the end (build), not only the checked CharacterCodingException.
        try {
            if (frame.hasPayload()) {
                fragments.append(frame.getPayload().slice());
            }
            if (!frame.isFin()) {
                return Result.PARTIAL;
            }
            text = fragments.build();
            return end(Result.TEXT);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return end(Result.INVALID);
        }
    }

    /** The text message {@link #add} just completed. */
    String takeText() {
        String message = text;
        text = null;
        return message;
    }

    /** The size in bytes of the binary message {@link #add} just completed. */
    long binaryBytes() {
        return bytes;
    }

    private Result end(Result result) {
        kind = -1;
        fragments = null;
        if (result != Result.BINARY) {
            bytes = 0;
        }
        return result;
    }

    /** The JDK's fast decoder; only text that came out with a replacement character is checked strictly. */
    static String decode(ByteBuffer payload) {
        if (payload == null) {
            return "";
        }
        byte[] utf8 = new byte[payload.remaining()];
        payload.slice().get(utf8);
        String decoded = new String(utf8, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8));
            } catch (CharacterCodingException malformed) {
                return null;
            }
        }
        return decoded;
    }
}
