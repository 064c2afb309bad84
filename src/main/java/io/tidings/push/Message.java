package io.tidings.push;

/**
 * One message on its way: whom it is for, its unique id and creation time (epoch ms), the frame text encoded
 * once and shared by every recipient, and whether it is kept in the inbox (and under which idempotency key).
 */
public record Message(Target target, String id, long ts, String json, boolean store, String idempotencyKey) {
}
