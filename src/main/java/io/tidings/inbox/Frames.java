package io.tidings.inbox;

/**
 * The one place a stored frame gets its position: {@code "seq"} and {@code "epoch"} are appended to the JSON
 * object the sender's frame was encoded as, so a push encoded once serves every recipient stream and the store
 * needs no JSON library. An epoch is made of letters and digits only, so it needs no escaping.
 */
public final class Frames {
    private Frames() {
    }

    /** {@code {...}} becomes {@code {...,"seq":S,"epoch":"E"}}. */
    public static String positioned(String frame, long seq, String epoch) {
        int end = frame.lastIndexOf('}');
        if (end < 0) {
            throw new IllegalArgumentException("a stored frame must be a JSON object");
        }
        String separator = frame.charAt(firstNonBlankBefore(frame, end)) == '{' ? "" : ",";
        // One concatenation: one allocation of the exact size, as every stored message makes one.
        return frame.substring(0, end) + separator + "\"seq\":" + seq + ",\"epoch\":\"" + epoch + "\"}";
    }

    private static int firstNonBlankBefore(String frame, int end) {
        int at = end - 1;
        while (at > 0 && Character.isWhitespace(frame.charAt(at))) {
            at--;
        }
        return Math.max(at, 0);
    }
}
