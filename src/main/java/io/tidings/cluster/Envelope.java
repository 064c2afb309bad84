package io.tidings.cluster;

/**
 * What nodes tell each other over Redis pub/sub, one text per message, fields separated by '|' (uids, group
 * names, node ids and session ids never contain one; the frame comes last and may). Stored and live messages are
 * written by the publish script; the others here.
 * <ul>
 * <li>{@code S|stream|seq|epoch|frame}: a stored message of a stream (u:uid, g:group, *)</li>
 * <li>{@code R|stream|seq|epoch|frame}: a stored message of a group's stream for the room's chat sessions alone</li>
 * <li>{@code L|stream|frame}: a live-only message; instead of a stream, a chat address: {@code r:group except}
 *     (a room's seats but one), {@code c:clientId} (one seat), {@code h:uid} (a uid's chat sessions)</li>
 * <li>{@code X|uid|session|code}: close that session of yours (4002 replaced, 4006 kicked)</li>
 * <li>{@code J|uid|group|node|token} and {@code P|...}: the uid joined (parted from) the group; confirm to node</li>
 * <li>{@code A|token}: the confirmation</li>
 * <li>{@code K|uid}: close the uid's chat sessions of yours with 4006 (a kick on another node)</li>
 * <li>{@code W|}: a survivor took you for dead and cleared your sessions from presence: put them back</li>
 * </ul>
 */
sealed interface Envelope {
    record Stored(String stream, long seq, String epoch, String frame, boolean roomOnly) implements Envelope {
    }

    record Live(String stream, String frame) implements Envelope {
    }

    record Close(String uid, String session, int code) implements Envelope {
    }

    record Membership(boolean joined, String uid, String group, String replyTo, String token) implements Envelope {
    }

    record Ack(String token) implements Envelope {
    }

    record Swept() implements Envelope {
    }

    record KickChat(String uid) implements Envelope {
    }

    /** The envelope in a message, or null when it is not one (another application's, on a shared prefix). */
    static Envelope parse(String text) {
        try {
            if (text.length() < 2 || text.charAt(1) != '|') {
                return null;
            }
            String body = text.substring(2);
            switch (text.charAt(0)) {
                case 'S', 'R' -> {
                    String[] head = body.split("\\|", 4);
                    return new Stored(head[0], Long.parseLong(head[1]), head[2], head[3], text.charAt(0) == 'R');
                }
                case 'L' -> {
                    int bar = body.indexOf('|');
                    return new Live(body.substring(0, bar), body.substring(bar + 1));
                }
                case 'X' -> {
                    String[] parts = body.split("\\|", 3);
                    return new Close(parts[0], parts[1], Integer.parseInt(parts[2]));
                }
                case 'J', 'P' -> {
                    String[] parts = body.split("\\|", 4);
                    return new Membership(text.charAt(0) == 'J', parts[0], parts[1], parts[2], parts[3]);
                }
                case 'A' -> {
                    return new Ack(body);
                }
                case 'W' -> {
                    return new Swept();
                }
                case 'K' -> {
                    return new KickChat(body);
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String close(String uid, String session, int code) {
        return "X|" + uid + "|" + session + "|" + code;
    }

    static String membership(boolean joined, String uid, String group, String replyTo, String token) {
        return (joined ? "J|" : "P|") + uid + "|" + group + "|" + replyTo + "|" + token;
    }

    static String ack(String token) {
        return "A|" + token;
    }

    static String kickChat(String uid) {
        return "K|" + uid;
    }

    static String swept() {
        return "W|";
    }
}
