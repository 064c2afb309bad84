package io.tidings.inbox;

/**
 * One message as the store keeps it: its position in its stream, its id and time, and the whole frame text a
 * session receives (seq and epoch included), so that a replay sends exactly what live delivery sent.
 *
 * @param roomOnly a chat room's own message (a say to the room), which a cluster node delivers to the room's chat
 *                 sessions alone, not to the event sessions of the group's members as a push to the group; only
 *                 the Redis inbox records it (on one node the broker knows its target)
 */
public record StoredMessage(long seq, String id, long ts, String frame, boolean roomOnly) {
    public StoredMessage(long seq, String id, long ts, String frame) {
        this(seq, id, ts, frame, false);
    }
}
