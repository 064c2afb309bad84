package io.tidings.hub;

import io.tidings.close.CloseReason;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A LiveSession seam for pure-logic tests: records what was sent, the pings and the first close reason. It has no
 * queue of its own: {@link #admits} judges only the weight it is given against {@link #outboundLimit}.
 */
public final class FakeConnection implements LiveSession {
    private final String id;
    private final String uid;
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public final AtomicReference<CloseReason> closedWith = new AtomicReference<>();
    public volatile long lastSeen;
    public final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    /** What {@link #admits} allows, as a session's TIDINGS_SEND_QUEUE; unlimited unless a test sets it. */
    public volatile long outboundLimit = Long.MAX_VALUE;

    public FakeConnection(String id, String uid) {
        this.id = id;
        this.uid = uid;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Instant openedAt() {
        return Instant.EPOCH;
    }

    @Override
    public String remoteAddress() {
        return "fake";
    }

    @Override
    public boolean send(OutboundText frame) {
        String text = frame.text();
        if (closedWith.get() != null) {
            return false;
        }
        sent.add(text);
        return true;
    }

    @Override
    public boolean admits(long weight) {
        if (closedWith.get() == null && weight <= outboundLimit) {
            return true;
        }
        close(CloseReason.SLOW_CONSUMER);
        return false;
    }

    @Override
    public void ping() {
        pings.incrementAndGet();
    }

    @Override
    public void close(CloseReason reason) {
        closedWith.compareAndSet(null, reason);
    }

    @Override
    public long lastSeenNanos() {
        return lastSeen;
    }
}
