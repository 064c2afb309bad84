package io.tidings.inbox;

/**
 * One message as the store keeps it: its position in its stream, its id and time, and the whole frame text a
 * session receives (seq and epoch included), so that a replay sends exactly what live delivery sent.
 */
public record StoredMessage(long seq, String id, long ts, String frame) {
}
