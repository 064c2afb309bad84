package io.tidings.hub;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * One outbound text frame, shared by every session it goes to. Its UTF-8 form is encoded at most once (on first
 * use, by whichever sender needs bytes), so a broadcast to 2 000 sessions encodes once rather than 2 000 times.
 * A stored frame also knows its place: the stream it belongs to and its seq there, by which a session holds it
 * back while it catches up and never sends it twice. Immutable from the outside; safe to share across threads.
 */
public final class OutboundText {
    private final String text;
    private final String stream;
    private final long seq;
    private volatile byte[] utf8;
    private volatile byte[] framed;

    /** A frame that is not stored (a reply, a signal): it has no seq. */
    public OutboundText(String text) {
        this(text, null, 0);
    }

    private OutboundText(String text, String stream, long seq) {
        this.text = text;
        this.stream = stream;
        this.seq = seq;
    }

    /** A stored frame: seq {@code seq} of the stream named {@code stream} (the inbox's stream key). */
    public static OutboundText stored(String text, String stream, long seq) {
        return new OutboundText(text, stream, seq);
    }

    /** The stream a stored frame belongs to, or null. */
    public String stream() {
        return stream;
    }

    /** Its seq in that stream; 0 for a frame that is not stored. */
    public long seq() {
        return seq;
    }

    public String text() {
        return text;
    }

    /** The UTF-8 bytes. Shared: callers must never modify them. */
    public byte[] utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            // A race here encodes twice at worst; the volatile write publishes a fully built array.
            bytes = text.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /**
     * The whole frame as a transport that frames for itself writes it (header and payload in one array), made by
     * {@code framing} from the UTF-8 bytes on first use and shared like them: a broadcast frames once. A process
     * has one such transport, so one framing per frame. Shared: callers must never modify the bytes.
     */
    public byte[] framed(UnaryOperator<byte[]> framing) {
        byte[] bytes = framed;
        if (bytes == null) {
            bytes = framing.apply(utf8());
            framed = bytes;
        }
        return bytes;
    }

    /** What the frame weighs in a session's outbound queue: its length in UTF-16 units. */
    public int weight() {
        return text.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
