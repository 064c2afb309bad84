package io.tidings.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The text rules of chat frames, written once. Content and names go out HTML-escaped exactly as workerman-chat
 * escapes them ({@code nl2br(htmlspecialchars(...))} with PHP 8's defaults), so that a client which inserts
 * them as HTML, as workerman-chat's own page does, shows what was typed and runs nothing; a client that shows
 * text reverses the five entities and the {@code <br />}s. Times are PHP's {@code date('Y-m-d H:i:s')}.
 */
final class ChatText {
    /** The longest display name, in characters (code points). */
    static final int MAX_NAME = 32;
    static final String NAME_RULE = "client_name must be 1 to " + MAX_NAME
            + " letters, digits, spaces, punctuation or symbols (no control or format characters)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private ChatText() {
    }

    /** {@code nl2br(htmlspecialchars(text))}: the five HTML specials as entities, "<br />" before each line break. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#039;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n' -> {
                    out.append("<br />").append(c);
                    // \r\n and \n\r are one line break, as nl2br counts them
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if (next != c && (next == '\r' || next == '\n')) {
                        out.append(next);
                        i++;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A display name as given, trimmed, when it is 1 to {@link #MAX_NAME} characters of letters, marks, digits,
     * punctuation, symbols and spaces; else null. No control, format (a right-to-left override would turn a
     * name around in every member list) or unassigned characters, except the joiner that emoji sequences use.
     */
    static String name(String given) {
        String name = given.strip();
        int count = name.codePointCount(0, name.length());
        if (count < 1 || count > MAX_NAME) {
            return null;
        }
        boolean allowed = name.codePoints().allMatch(point -> point == ZERO_WIDTH_JOINER || switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        });
        return allowed ? name : null;
    }

    /**
     * A private say's content as its addressee gets it: Events.php's {@code "<b>对你说: </b>"} ("to you:") before
     * it, which is how workerman-chat's page, showing every say alike, tells a private one from the room's.
     */
    static String toYou(String html) {
        return "<b>\u5bf9\u4f60\u8bf4: </b>" + html;
    }

    /** A private say's content as its sender gets it back: {@code "<b>你对NAME说: </b>"} ("you to NAME:") before it. */
    static String fromYou(String addresseeName, String html) {
        return "<b>\u4f60\u5bf9" + addresseeName + "\u8bf4: </b>" + html;
    }

    /** {@code date('Y-m-d H:i:s')} in the zone. */
    static String time(long epochMillis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }
}
