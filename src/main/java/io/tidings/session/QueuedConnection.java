package io.tidings.session;

import io.tidings.close.CloseReason;
import io.tidings.hub.Connection;
import io.tidings.hub.OutboundText;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A {@link Connection} whatever the transport beneath it: the session's one writer and its one closer. At most
 * one frame is in flight (Tomcat throws on concurrent sends, Jetty would queue without bound); later frames wait
 * in a queue bounded by TIDINGS_SEND_QUEUE, and a client that lets it overflow is closed 4008. The thread that
 * finds the writer idle becomes the pump until the queue drains; a completion that arrives inline (as Jetty may
 * report it) only clears the in-flight flag, so the stack never grows with the queue. A transport supplies
 * {@link #write} and {@link #closeTransport}, the one place its close frame is made from a {@link CloseReason}.
 */
public abstract class QueuedConnection implements Connection {
    // Per-session fields are kept small (tens of thousands of sessions): the id is formatted on demand and the
    // opening time kept as epoch milliseconds rather than as objects.
    private final long serial;
    private final String address;
    private final long openedAtMillis = System.currentTimeMillis();
    private final int queueLimit;
    private final Consumer<Connection> onClosing;
    private volatile String uid;
    private volatile long lastSeen = System.nanoTime();

    // Writer state, guarded by this.
    private ArrayDeque<OutboundText> queue;
    private long queuedWeight;
    private boolean inFlight;
    private boolean pumping;
    private CloseReason closedBy;
    private boolean closed;

    /**
     * @param serial    this session's number from {@link ConnectionIds}, unique within the process
     * @param address   the peer's IP address, or "unknown"
     * @param onClosing told (once) when this side starts closing an authenticated session, so the hub stops
     *                  counting it as live before the close handshake ends
     */
    protected QueuedConnection(long serial, String address, int queueLimit, Consumer<Connection> onClosing) {
        this.serial = serial;
        this.address = address;
        this.queueLimit = queueLimit;
        this.onClosing = onClosing;
    }

    /** Starts sending one frame; the transport reports its end through {@link #written}, inline or later. */
    protected abstract void write(OutboundText frame);

    /** Sends the close frame. Called at most once, and never after the peer's close was reported. */
    protected abstract void closeTransport(CloseReason reason);

    @Override
    public final String id() {
        return ConnectionIds.format(serial);
    }

    @Override
    public final String uid() {
        return uid;
    }

    @Override
    public final Instant openedAt() {
        return Instant.ofEpochMilli(openedAtMillis);
    }

    @Override
    public final String remoteAddress() {
        return address;
    }

    @Override
    public final long lastSeenNanos() {
        return lastSeen;
    }

    final void authenticated(String authenticatedUid) {
        this.uid = authenticatedUid;
    }

    final boolean isAuthenticated() {
        return uid != null;
    }

    final void touch(long nowNanos) {
        lastSeen = nowNanos;
    }

    /** The transport reported the session closed: stop writing, and never send a close of our own. */
    final synchronized void markClosed() {
        closed = true;
        queue = null;
        queuedWeight = 0;
    }

    /** False once either side began closing: what the client still sends is to be dropped. */
    protected final synchronized boolean isOpen() {
        return !closed;
    }

    /** The reason this side closed with, or null when the peer (or the container) closed first. */
    final synchronized CloseReason closedBy() {
        return closedBy;
    }

    @Override
    public final boolean send(OutboundText frame) {
        boolean busy;
        synchronized (this) {
            if (closed) {
                return false;
            }
            busy = inFlight || pumping;
            if (busy && queuedWeight + frame.weight() <= queueLimit) {
                enqueue(frame);
                return true;
            }
            if (!busy) {
                inFlight = true;
                pumping = true;
            }
        }
        if (busy) {
            close(CloseReason.SLOW_CONSUMER);
            return false;
        }
        write(frame);
        pump();
        return true;
    }

    private void enqueue(OutboundText frame) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(frame);
        queuedWeight += frame.weight();
    }

    /** Writes queued frames one at a time until the queue is empty or a send is pending. */
    private void pump() {
        while (true) {
            OutboundText next;
            synchronized (this) {
                next = inFlight || closed || queue == null ? null : queue.poll();
                if (next == null) {
                    pumping = false;
                    return;
                }
                queuedWeight -= next.weight();
                inFlight = true;
            }
            write(next);
        }
    }

    /** The transport finished the frame {@link #write} started; a failure means the session is done. */
    protected final void written(boolean ok) {
        synchronized (this) {
            inFlight = false;
            if (!ok) {
                closed = true;
                queue = null;
                pumping = false;
                return;
            }
            if (pumping) {
                return;
            }
            pumping = true;
        }
        pump();
    }

    @Override
    public final void close(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closedBy = reason;
            queue = null;
            queuedWeight = 0;
        }
        if (uid != null) {
            onClosing.accept(this);
        }
        closeTransport(reason);
    }
}
