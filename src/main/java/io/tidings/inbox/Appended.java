package io.tidings.inbox;

/**
 * An {@link Append} once stored: its position and the whole frame text. A duplicate is the entry stored earlier
 * under the same idempotency key (then id, seq and frame are that entry's, and nothing new was stored).
 */
public record Appended(StreamKey stream, String id, long seq, String epoch, String frame, boolean duplicate) {
    /** The position alone, without the frame: what a receipt keeps (a remembered receipt must not hold frames). */
    public Appended position() {
        return frame == null ? this : new Appended(stream, id, seq, epoch, null, duplicate);
    }
}
