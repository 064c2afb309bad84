package io.tidings.bench.micro;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import java.time.Instant;

/** A connection that accepts every frame and only remembers the last, so benchmarks measure Tidings, not I/O. */
final class NullConnection implements LiveSession {
    private final String id;
    private final String uid;
    String last;
    long frames;

    NullConnection(String id, String uid) {
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
        return "127.0.0.1";
    }

    @Override
    public boolean send(OutboundText frame) {
        String text = frame.text();
        last = text;
        frames++;
        return true;
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(CloseReason reason) {
    }

    @Override
    public long lastSeenNanos() {
        return 0;
    }
}
