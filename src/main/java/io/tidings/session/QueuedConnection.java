package io.tidings.session;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link LiveSession} whatever the transport beneath it: the session's one writer and its one closer. At most
 * one frame is on the socket (Tomcat throws on concurrent sends, Jetty would queue without bound). Text frames
 * wait in a queue bounded by TIDINGS_SEND_QUEUE (together with those held for a catch-up, and what others hold for
 * the session: {@link #admits}), and a client that lets it overflow is closed 4008. A transport
 * that writes its own control frames hands them to the same writer: one pong waits ahead of the queue (only the
 * latest, as RFC 6455 allows), then at most one ping of ours ({@link #ping}), one close frame behind the queue,
 * and nothing is written after the close frame.
 * <p>
 * The thread that finds the writer idle becomes the pump until nothing is left to write; a completion reported
 * inline (as Jetty may) only clears the in-flight mark, so the stack never grows with the queue. A transport
 * supplies {@link #write}, {@link #closeTransport} (the one place its close is made from a {@link CloseReason}),
 * {@link #writeControl} for the pings and whatever control frames it writes, and maybe {@link #controlWritten}.
 */
public abstract class QueuedConnection implements LiveSession {
    /**
     * How long a closing connection may take, whatever the peer does: to read what is still on its way to it,
     * answer our close frame, or finish sending its own. Every transport ends the connection by then, since a
     * session that is closing no longer counts against the connection limits.
     */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    /** What kind of frame is on the socket. */
    protected enum Kind { TEXT, PONG, PING, CLOSE }

    // Per-session fields are kept small (tens of thousands of sessions): the id is formatted on demand and the
    // opening time kept as epoch milliseconds rather than as objects.
    private final long serial;
    private final String address;
    private final long openedAtMillis = System.currentTimeMillis();
    private final int queueLimit;
    private final Consumer<LiveSession> onClosing;
    private volatile String uid;
    private volatile long lastSeen = System.nanoTime();

    // Writer state, guarded by this.
    private ArrayDeque<OutboundText> queue;
    private long queuedWeight;
    private Kind inFlight;
    private boolean pumping;
    private Object waitingPong;
    private boolean pingWanted;
    private Object waitingClose;
    private boolean closeFrameTaken;
    private CloseReason closedBy;
    private boolean closed;
    private StreamCursors cursors;
    /** While a new session waits for its welcome: the stream whose release ends the wait (else null). */
    private String gatedOn;

    /**
     * @param serial    this session's number from {@link ConnectionIds}, unique within the process
     * @param address   the peer's IP address, or "unknown"
     * @param onClosing told (once) when this side starts closing an authenticated session, so the hub stops
     *                  counting it as live before the close handshake ends
     */
    protected QueuedConnection(long serial, String address, int queueLimit, Consumer<LiveSession> onClosing) {
        this.serial = serial;
        this.address = address;
        this.queueLimit = queueLimit;
        this.onClosing = onClosing;
    }

    /** Starts sending one text frame; the transport reports its end through {@link #written}, inline or later. */
    protected abstract void write(OutboundText frame);

    /**
     * Starts the close: sends the close frame now (through {@link #sendClose} for a transport whose writer is
     * this one), and never after the peer's close was reported. Called at most once.
     */
    protected abstract void closeTransport(CloseReason reason);

    /**
     * Starts sending a control frame: a ping ({@link #ping}; frame null, the transport makes it), or the frame given
     * to {@link #sendPong} or {@link #sendClose}. Ends in {@link #written}, inline or later.
     */
    protected abstract void writeControl(Kind kind, Object frame);

    /** A control frame has been written (ok) or failed; called outside the lock, before the next write starts. */
    protected void controlWritten(Kind kind, boolean ok) {
    }

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

    /**
     * The transport reported the session closed: no more text frames, and {@link #close} does nothing. A control
     * frame already waiting still goes out, and a transport may still answer the peer's close ({@link #sendClose}).
     */
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
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            StreamCursors.Verdict verdict = frame.seq() > 0 ? cursors().admit(frame) : StreamCursors.Verdict.SEND;
            if (verdict == StreamCursors.Verdict.DROP) {
                return false; // sent already, by a replay
            }
            if (verdict == StreamCursors.Verdict.HOLD) {
                if (fits(0)) { // the held frame is counted already
                    return true;
                }
                overflow = true;
            } else if (inFlight == null && !pumping && gatedOn == null) {
                inFlight = Kind.TEXT;
                pumping = true;
                overflow = false;
            } else if (fits(frame.weight())) {
                enqueue(frame);
                return true;
            } else {
                overflow = true;
            }
        }
        if (overflow) {
            return closeOverflowing();
        }
        write(frame);
        pump();
        return true;
    }

    @Override
    public final boolean admits(long weight) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (fits(weight)) {
                return true;
            }
        }
        return closeOverflowing();
    }

    /**
     * Under the lock: the outbound limit (TIDINGS_SEND_QUEUE), the one rule for every text frame waiting for this
     * session: those queued, those held for a catch-up, and {@code more}.
     */
    private boolean fits(long more) {
        return queuedWeight + (cursors == null ? 0 : cursors.heldWeight()) + more <= queueLimit;
    }

    private boolean closeOverflowing() {
        close(CloseReason.SLOW_CONSUMER);
        return false;
    }

    private StreamCursors cursors() {
        if (cursors == null) {
            cursors = new StreamCursors();
        }
        return cursors;
    }

    @Override
    public final synchronized boolean hold(String stream) {
        return !closed && cursors().hold(stream);
    }

    /**
     * A session that just opened holds everything, not only its stream: until {@link #release} its text frames
     * wait (a pong included), so that the welcome is the first frame it receives.
     */
    final synchronized void holdOpening(String stream) {
        gatedOn = stream;
        cursors().hold(stream);
    }

    @Override
    public final void release(String stream, long upTo, List<OutboundText> frames) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            ArrayDeque<OutboundText> held = cursors().release(stream, upTo);
            boolean opened = stream.equals(gatedOn);
            ArrayDeque<OutboundText> waiting = opened ? queue : null;
            if (opened) {
                // What came while the session was opening (a pong, another stream's resume) follows the welcome.
                gatedOn = null;
                queue = null;
                queuedWeight = 0;
            }
            frames.forEach(this::enqueue);
            if (waiting != null) {
                waiting.forEach(this::enqueue);
            }
            held.forEach(this::enqueue);
            if (!fits(0)) {
                overflow = true;
            } else if (gatedOn != null || !claimPump()) {
                return; // still opening: what was released waits behind the welcome
            }
        }
        if (overflow) {
            closeOverflowing();
            return;
        }
        pump();
    }

    /**
     * Asks the peer for a pong, whose arrival the transport reports as life: queued ahead of the text frames, at
     * most one at a time, none once closing. How the heartbeat sees a client that keeps alive with ping frames of
     * its own where the transport hides those (the Jakarta API does).
     */
    @Override
    public final void ping() {
        synchronized (this) {
            if (closed || closeFrameTaken) {
                return;
            }
            pingWanted = true;
            if (!claimPump()) {
                return;
            }
        }
        pump();
    }

    /** Queues a pong ahead of the text frames; a pong still waiting is replaced. None once a close is queued. */
    protected final void sendPong(Object frame) {
        synchronized (this) {
            if (closeFrameTaken) {
                return;
            }
            waitingPong = frame;
            if (!claimPump()) {
                return;
            }
        }
        pump();
    }

    /** Queues the one close frame behind everything else; false when one was queued or sent already. */
    protected final boolean sendClose(Object frame) {
        synchronized (this) {
            if (closeFrameTaken) {
                return false;
            }
            closeFrameTaken = true;
            waitingClose = frame;
            if (!claimPump()) {
                return true;
            }
        }
        pump();
        return true;
    }

    /** Under the lock: true when this thread is to become the pump. */
    private boolean claimPump() {
        if (inFlight != null || pumping) {
            return false;
        }
        pumping = true;
        return true;
    }

    private void enqueue(OutboundText frame) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(frame);
        queuedWeight += frame.weight();
    }

    /** Writes waiting frames one at a time, pong first and close last, until none waits or a write is pending. */
    private void pump() {
        while (true) {
            Object next;
            Kind kind;
            synchronized (this) {
                if (inFlight != null) {
                    pumping = false; // the write in flight completes later, and its completion pumps on
                    return;
                }
                if (waitingPong != null) {
                    next = waitingPong;
                    waitingPong = null;
                    kind = Kind.PONG;
                } else if (pingWanted && !closed) {
                    next = null;
                    pingWanted = false;
                    kind = Kind.PING;
                } else if (!closed && gatedOn == null && queue != null && !queue.isEmpty()) {
                    OutboundText text = queue.poll();
                    queuedWeight -= text.weight();
                    next = text;
                    kind = Kind.TEXT;
                } else if (waitingClose != null) {
                    next = waitingClose;
                    waitingClose = null;
                    kind = Kind.CLOSE;
                } else {
                    pumping = false;
                    return;
                }
                inFlight = kind;
            }
            if (kind == Kind.TEXT) {
                write((OutboundText) next);
            } else {
                writeControl(kind, next);
            }
        }
    }

    /** The transport finished the frame it was given; a failure means the session is done. */
    protected final void written(boolean ok) {
        Kind done;
        boolean pump;
        synchronized (this) {
            done = inFlight;
            inFlight = null;
            if (!ok) {
                closed = true;
                closeFrameTaken = true;
                dropWaiting();
            }
            pump = !pumping;
            if (pump) {
                pumping = true;
            }
        }
        if (done != null && done != Kind.TEXT) {
            controlWritten(done, ok);
        }
        if (pump) {
            pump();
        }
    }

    private void dropWaiting() {
        queue = null;
        queuedWeight = 0;
        waitingPong = null;
        pingWanted = false;
        waitingClose = null;
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
