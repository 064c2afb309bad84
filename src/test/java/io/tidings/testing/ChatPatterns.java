package io.tidings.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-for-byte checks of chat frames whose client ids, times and inbox positions vary: in the expected text
 * {@code ID} stands for a client id (20 hex digits, captured as a group), {@code TIME} for a
 * {@code Y-m-d H:i:s} time, and {@code POS} for nothing or for the {@code ,"seq":N,"epoch":"E"} a kept frame ends
 * with.
 */
public final class ChatPatterns {
    public static final String ID = "[0-9a-f]{20}";
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    private static final String POSITION = "(?:,\"seq\":\\d+,\"epoch\":\"[0-9a-z]+\")?";

    private ChatPatterns() {
    }

    /** Asserts that the frame is the expected text, placeholders aside; the matcher's groups are the ids. */
    public static Matcher matches(String expected, String frame) {
        String pattern = Pattern.quote(expected).replace("ID", "\\E(" + ID + ")\\Q").replace("TIME", "\\E" + TIME + "\\Q")
                .replace("POS", "\\E" + POSITION + "\\Q");
        Matcher matcher = Pattern.compile(pattern).matcher(frame);
        assertTrue(matcher.matches(), "expected " + expected + "\n but got " + frame);
        return matcher;
    }
}
