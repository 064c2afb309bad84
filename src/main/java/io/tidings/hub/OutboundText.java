package io.tidings.hub;

import java.nio.charset.StandardCharsets;

/**
 * One outbound text frame, shared by every session it goes to. Its UTF-8 form is encoded at most once (on first
 * use, by whichever sender needs bytes), so a broadcast to 2 000 sessions encodes once rather than 2 000 times.
 * Immutable from the outside; safe to share across threads.
 */
public final class OutboundText {
    private final String text;
    private volatile byte[] utf8;

    public OutboundText(String text) {
        this.text = text;
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

    /** What the frame weighs in a session's outbound queue: its length in UTF-16 units. */
    public int weight() {
        return text.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
