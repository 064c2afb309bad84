package io.tidings.launcher.websocket;

import io.tidings.session.ClientSession;
import io.tidings.session.InboundLimit;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;

/**
 * One session's inbound data frames (TEXT, BINARY, CONTINUATION) turned into whole text messages, the part of a
 * WebSocket container that the direct transport does itself. A message over TIDINGS_MAX_FRAME, malformed UTF-8
 * and binary messages go to the {@link ClientSession}, which closes the session; frames out of sequence break
 * RFC 6455 itself. Most messages are one frame and keep no state between frames; a {@link MessageAssembly}
 * exists only while fragments arrive.
 */
final class TextMessages {
    private final ClientSession client;
    private final InboundLimit limit;
    private MessageAssembly fragmented;

    TextMessages(ClientSession client, InboundLimit limit) {
        this.client = client;
        this.limit = limit;
    }

    /** Whether a frame announcing this many payload bytes is over TIDINGS_MAX_FRAME (-1: no frame in progress). */
    boolean exceedsLimit(long announcedBytes) {
        return limit.exceedsBytes(announcedBytes);
    }

    /**
     * The whole text message this frame completes, else null; the payload is read here, never kept.
     *
     * @throws ProtocolException when the frame continues no message, or starts one before the last one ended
     */
    String accept(Frame frame) {
        if (fragmented == null && frame.isFin() && frame.getOpCode() == OpCode.TEXT) {
            if (limit.exceedsBytes(frame.getPayloadLength())) {
                client.onTooBig();
                return null;
            }
            String text = MessageAssembly.decode(frame.getPayload());
            if (text == null) {
                client.onInvalidUtf8();
            }
            return text;
        }
        if (fragmented == null) {
            fragmented = new MessageAssembly(limit);
        }
        switch (fragmented.add(frame)) {
            case TEXT -> {
                return fragmented.takeText();
            }
            case BINARY -> client.onBinary(fragmented.binaryBytes());
            case TOO_BIG -> client.onTooBig();
            case INVALID -> client.onInvalidUtf8();
            // RFC 6455 itself is broken: the transport closes 1002.
            case OUT_OF_SEQUENCE -> throw new ProtocolException("data frames out of sequence");
            case PARTIAL -> { }
        }
        return null;
    }
}
