package io.tidings.inbox;

/**
 * A message to be stored in a stream. Its frame is the JSON object every recipient receives, without its seq and
 * epoch yet: the store gives the seq and completes the frame ({@link Frames#positioned}).
 *
 * @param idempotencyKey the sender's key for the push this entry belongs to, or null; a key the store has seen
 *                       within its window makes the store answer the earlier entry, marked duplicate
 */
public record Append(StreamKey stream, String id, long ts, String frame, String idempotencyKey) {
}
