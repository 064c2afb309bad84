package io.tidings.ws;

import io.tidings.close.CloseReason;
import io.tidings.hub.Connection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A Jakarta WebSocket session as a {@link Connection}. It is the session's one writer: at most one async send
 * is in flight (Tomcat throws on concurrent sends, Jetty would queue without bound), later frames wait in a
 * queue bounded by bytes, and a client that lets the queue overflow is closed 4008. The thread that finds the
 * writer idle becomes the pump until the queue drains; a completion that arrives inline (as Jetty may do)
 * only clears the in-flight flag, so the stack never grows with the queue. It also closes exactly once, and
 * this is the one place where a {@link CloseReason} becomes a close frame.
 */
final class WsConnection implements Connection, SendHandler {
    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());
    private static final String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final String id;
    private final Instant openedAt;
    private final int queueLimit;
    private final Executor closer;
    private final Consumer<Connection> onClosing;
    private volatile String uid;
    private volatile long lastSeen = System.nanoTime();

    // Writer state, guarded by this.
    private ArrayDeque<String> queue;
    private long queuedChars;
    private boolean inFlight;
    private boolean pumping;
    private CloseReason closedBy;
    private boolean closed;

    /** @param onClosing told (once) when this side starts closing, so the hub stops counting it as live */
    WsConnection(Session session, String id, int queueLimit, Executor closer, Consumer<Connection> onClosing) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.id = id;
        this.openedAt = Instant.now();
        this.queueLimit = queueLimit;
        this.closer = closer;
        this.onClosing = onClosing;
    }

    void authenticated(String uid) {
        this.uid = uid;
    }

    boolean isAuthenticated() {
        return uid != null;
    }

    void touch(long nowNanos) {
        lastSeen = nowNanos;
    }

    /** The container reported the session closed: stop writing, and never send a close of our own. */
    synchronized void markClosed() {
        closed = true;
        queue = null;
        queuedChars = 0;
    }

    /** The reason this side closed with, or null when the peer (or the container) closed first. */
    synchronized CloseReason closedBy() {
        return closedBy;
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
        return openedAt;
    }

    @Override
    public String remoteAddress() {
        Object address = session.getUserProperties().get(REMOTE_ADDRESS);
        if (address instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress().getHostAddress();
        }
        return "unknown";
    }

    @Override
    public long lastSeenNanos() {
        return lastSeen;
    }

    @Override
    public boolean send(String text) {
        boolean busy;
        synchronized (this) {
            if (closed) {
                return false;
            }
            busy = inFlight || pumping;
            if (busy && queuedChars + text.length() <= queueLimit) {
                enqueue(text);
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
        write(text);
        pump();
        return true;
    }

    private void enqueue(String text) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(text);
        queuedChars += text.length();
    }

    /** Writes queued frames one at a time until the queue is empty or a send is pending. */
    private void pump() {
        while (true) {
            String next;
            synchronized (this) {
                next = inFlight || closed || queue == null ? null : queue.poll();
                if (next == null) {
                    pumping = false;
                    return;
                }
                queuedChars -= next.length();
                inFlight = true;
            }
            write(next);
        }
    }

    private void write(String text) {
        try {
            remote.sendText(text, this);
        } catch (RuntimeException e) {
            // The container refused the send (session already closing): this connection is done.
            onResult(new SendResult(e));
        }
    }

    @Override
    public void onResult(SendResult result) {
        synchronized (this) {
            inFlight = false;
            if (!result.isOK()) {
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
    public void close(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closedBy = reason;
            queue = null;
            queuedChars = 0;
        }
        if (uid != null) {
            onClosing.accept(this);
        }
        // Off the caller's thread: some containers block in close() until the peer's buffers drain.
        try {
            closer.execute(() -> closeNow(reason));
        } catch (RejectedExecutionException shuttingDown) {
            // The closer stops at shutdown; a session opened during the drain is closed here instead.
            closeNow(reason);
        }
    }

    private void closeNow(CloseReason reason) {
        try {
            session.close(new jakarta.websocket.CloseReason(
                    jakarta.websocket.CloseReason.CloseCodes.getCloseCode(reason.code()), reason.text()));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "close of session {0} failed: {1}", id, e.toString());
        }
    }
}
