package io.tidings.hub;

import io.tidings.close.CloseReason;
import java.time.Instant;

/**
 * One live client session as the hub sees it: the seam between delivery logic and the WebSocket container.
 * Implementations must make {@link #send} non-blocking and safe from any thread (one writer per connection
 * inside), and {@link #close} idempotent: the first reason wins, later calls do nothing.
 */
public interface LiveSession {
    /** Unique within this server process. */
    String id();

    /** The authenticated uid. */
    String uid();

    Instant openedAt();

    /** The peer's address as the container reports it, or "unknown". */
    String remoteAddress();

    /**
     * Queues one text frame. Returns false when the connection is closed or this frame overflowed its outbound
     * queue (the connection is then being closed 4008). The frame may be shared with other connections.
     */
    boolean send(OutboundText frame);

    /** {@link #send(OutboundText)} for a frame that goes to this connection alone. */
    default boolean send(String text) {
        return send(new OutboundText(text));
    }

    /**
     * Holds back the stored frames of this stream (an {@link OutboundText#stream()}) that arrive from now on,
     * while the session catches up with what it missed; {@link #release} ends it. False when the stream is held
     * already: one catch-up at a time. (The default, for a session that never catches up, holds nothing.)
     */
    default boolean hold(String stream) {
        return true;
    }

    /**
     * Ends a {@link #hold}: sends {@code frames} (what the catch-up read: a welcome, a replay), then the held frames
     * above seq {@code upTo}, in order. From then on a stored frame of this stream at or below the highest seq
     * sent is never sent again, so a frame both replayed and delivered live reaches the client once. (The
     * default, for a session that never catches up, sends the frames.)
     */
    default void release(String stream, long upTo, java.util.List<OutboundText> frames) {
        frames.forEach(this::send);
    }

    /**
     * Whether the session's outbound limit (TIDINGS_SEND_QUEUE) still admits {@code weight} more of text that waits
     * for it outside its own queue (what a chat newcomer is sent while its login is answered), on top of what waits
     * in the queue. When it does not, the session is closed 4008 as if its queue had overflowed, and this returns
     * false. (The default, for a session without an outbound queue, admits everything.)
     */
    default boolean admits(long weight) {
        return true;
    }

    /**
     * Sends a ping frame (at most one waits), so that a client whose library answers pings, as every browser's
     * does, shows it is alive; its pong counts as something received. Nothing once closing.
     */
    void ping();

    /** Closes with the given reason; only the first call has an effect. */
    void close(CloseReason reason);

    /** {@link System#nanoTime()} of the last inbound message, pong or (where the transport shows it) ping. */
    long lastSeenNanos();
}
