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

    /** Closes with the given reason; only the first call has an effect. */
    void close(CloseReason reason);

    /** {@link System#nanoTime()} of the last inbound frame or pong. */
    long lastSeenNanos();
}
