package io.tidings.inbox;

/**
 * Which stream a stored message belongs to: a uid's own ({@code u:42}), a group's ({@code g:room-7}), or the
 * broadcast stream of pushes to everyone ({@code *}). Each stream has its own seq and epoch. The text form is
 * the store's key; uids and group names never contain ':' at their start that could make two kinds collide,
 * because the kind is a fixed prefix.
 */
public record StreamKey(String text) {
    /** The stream of pushes to everyone, and its name on the wire (the "group" field of its frames). */
    public static final StreamKey ALL = new StreamKey("*");
    public static final String ALL_NAME = "*";

    private static final String UID = "u:";
    private static final String GROUP = "g:";

    public static StreamKey uid(String uid) {
        return new StreamKey(UID + uid);
    }

    /** A group's stream; {@link #ALL_NAME} names the broadcast stream. */
    public static StreamKey group(String group) {
        return ALL_NAME.equals(group) ? ALL : new StreamKey(GROUP + group);
    }

    public boolean isUid() {
        return isUid(text);
    }

    /** Whether a stream's text form names a uid's stream. */
    public static boolean isUid(String text) {
        return text.startsWith(UID);
    }

    /** The uid, the group name, or "*". */
    public String name() {
        return this == ALL || ALL_NAME.equals(text) ? ALL_NAME : text.substring(2);
    }

    @Override
    public String toString() {
        return text;
    }
}
