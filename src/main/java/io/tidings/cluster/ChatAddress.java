package io.tidings.cluster;

/**
 * What a live chat message's envelope names instead of a stream ({@link Envelope}): the receiving node delivers it
 * on its {@link io.tidings.hub.Rooms}. Group names, uids and client ids never hold a space or a '|'.
 */
final class ChatAddress {
    /** {@code r:group except}: the room's seats but the one with client id {@code except} (empty: none). */
    static final String ROOM = "r:";
    /**
     * {@code c:clientId room}: one seat, in that room only. A client id outlives a move to another room, and the
     * room's seats hash may still name it there until its unseat lands: the receiving node checks the room.
     */
    static final String CLIENT = "c:";
    /** {@code h:uid}: every chat session of a uid. */
    static final String UID = "h:";

    private ChatAddress() {
    }

    static String room(String group, String except) {
        return ROOM + group + " " + (except == null ? "" : except);
    }

    static String client(String clientId, String room) {
        return CLIENT + clientId + " " + room;
    }

    static String uid(String uid) {
        return UID + uid;
    }
}
