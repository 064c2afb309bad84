package io.tidings.push;

/**
 * One message on its way: whom it is for, its unique id and creation time (epoch ms), the frame text encoded
 * once and shared by every recipient, and whether it is kept in the inbox (and under which idempotency key).
 *
 * @param reach whether the publisher asks which uids a live session received it in ({@link Published#reached}):
 *              mobile push asks, for the messages that may go to phones; tracking costs a set per message
 */
public record Message(Target target, String id, long ts, String json, boolean store, String idempotencyKey,
        boolean reach) {
    /** A message whose reach nobody asks about. */
    public Message(Target target, String id, long ts, String json, boolean store, String idempotencyKey) {
        this(target, id, ts, json, store, idempotencyKey, false);
    }
}
