package io.tidings.session;

/**
 * TIDINGS_MAX_FRAME in UTF-8 bytes, checked by Tidings itself on every whole message. The container's own limit
 * (set from the same setting) bounds its buffers, but containers disagree on what it means: Jetty counts
 * bytes, Tomcat counts characters (so a frame of 2-byte characters could reach twice the limit), and Tyrus
 * (GlassFish) does not apply it to whole-message handlers at all.
 */
public final class InboundLimit {
    private final int maxBytes;

    public InboundLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean exceeds(String text) {
        if (text.length() > maxBytes) {
            return true;
        }
        // At most 3 bytes per UTF-16 unit: short frames need no counting.
        return (long) text.length() * 3 > maxBytes && utf8Length(text) > maxBytes;
    }

    /** For a binary message, or a text message still in UTF-8 bytes. */
    public boolean exceedsBytes(long bytes) {
        return bytes > maxBytes;
    }

    /** The UTF-8 length of well-formed text (a surrogate pair, 4 bytes, is two units of 2). */
    public static long utf8Length(CharSequence text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            if (unit >= 0x80) {
                bytes += unit < 0x800 || Character.isSurrogate(unit) ? 1 : 2;
            }
        }
        return bytes;
    }
}
