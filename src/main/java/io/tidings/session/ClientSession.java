package io.tidings.session;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.Limits;
import io.tidings.inbox.CatchUp;
import io.tidings.inbox.Seq;
import io.tidings.inbox.StreamKey;
import io.tidings.limit.TokenBucket;

/**
 * What happens to one client WebSocket, whichever transport carries it: admission (shutdown, handshake rate,
 * connection caps), authentication, registration in the hub, then each inbound frame checked against the size
 * and rate limits and dispatched, and finally the bookkeeping of its close. A transport calls the frame methods
 * from its own callbacks, one at a time per session; {@link #onClosed} may come from another thread meanwhile
 * (a handler still running then finds the session closed). A transport turns nothing into a close frame: every
 * rejection goes through {@link QueuedConnection#close}. Rejections happen after the upgrade, as close frames,
 * so a browser can read why.
 */
public final class ClientSession {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    private final Sessions sessions;
    private final QueuedConnection connection;
    private boolean admitted;
    private TokenBucket inboundRate;

    ClientSession(Sessions sessions, QueuedConnection connection) {
        this.sessions = sessions;
        this.connection = connection;
    }

    /**
     * Admits, authenticates and registers the session, or closes it with the reason.
     *
     * @param beforeRegister run once the session is authenticated, before anything can be delivered to it: where
     *                       a transport starts listening for the session's frames
     * @return true when the session is live
     */
    public boolean open(SessionRequest request, Runnable beforeRegister) {
        if (!admit()) {
            return false;
        }
        try {
            try {
                connection.authenticated(sessions.authenticator.authenticate(request.uid(), request.token()));
            } catch (CloseException e) {
                sessions.metrics.authFailed(e.reason());
                throw e;
            }
            Long since = position(request);
            beforeRegister.run();
            CatchUp catchUp = sessions.catchUp;
            if (catchUp != null) {
                // Held from before registration: the welcome (and a replay) goes out before any live frame.
                connection.holdOpening(StreamKey.uid(connection.uid()).text());
            }
            sessions.hub.register(connection);
            sessions.metrics.sessionOpened();
            // On a single node at once; in a cluster once the session policy was applied cluster-wide.
            sessions.presence.opened(connection).whenComplete((opened, failure) -> {
                if (failure != null) {
                    connection.close(CloseReason.TRY_AGAIN_LATER);
                } else if (catchUp != null) {
                    catchUp.welcome(connection, since, request.epoch());
                }
            });
            return true;
        } catch (CloseException e) {
            connection.close(e.reason());
        } catch (RuntimeException e) {
            // Never the container's exception text on the wire, never the request URI (it has the token) in the log.
            LOG.log(System.Logger.Level.WARNING, "opening session " + connection.id() + " failed", e);
            connection.close(CloseReason.SERVER_ERROR);
        }
        return false;
    }

    /**
     * The position a resuming client gives ({@code since} with its {@code epoch}), or null when it gives none;
     * half a position, or a since that is not a whole number from 0 to 2^53-1, is 4003.
     */
    private static Long position(SessionRequest request) throws CloseException {
        if (request.since() == null && request.epoch() == null) {
            return null;
        }
        Long since = Seq.parse(request.since());
        if (since == null || request.epoch() == null) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return since;
    }

    /** Shutdown, the handshake rate and the connection caps may turn a new session away (1001, 1013). */
    private boolean admit() {
        if (sessions.closing.getAsBoolean()) {
            connection.close(CloseReason.GOING_AWAY);
            return false;
        }
        if (!sessions.admission.tryAdmit(connection.remoteAddress())) {
            sessions.metrics.authFailed(CloseReason.TRY_AGAIN_LATER);
            connection.close(CloseReason.TRY_AGAIN_LATER);
            return false;
        }
        admitted = true;
        Limits limits = sessions.limits;
        inboundRate = new TokenBucket(limits.eventRate(), limits.eventBurst(), System.nanoTime());
        return true;
    }

    /** One whole text message. */
    public void onText(String text) {
        long now = System.nanoTime();
        connection.touch(now);
        if (sessions.inbound.exceeds(text)) {
            connection.close(CloseReason.TOO_BIG);
            return;
        }
        if (!inboundRate.tryTake(now)) {
            connection.close(CloseReason.RATE_LIMITED);
            return;
        }
        try {
            sessions.protocol.onText(connection, text);
        } catch (CloseException e) {
            connection.close(e.reason());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event handling failed on session " + connection.id(), e);
            connection.close(CloseReason.SERVER_ERROR);
        }
    }

    /** A binary message: never part of the protocol. */
    public void onBinary(long bytes) {
        connection.close(sessions.inbound.exceedsBytes(bytes) ? CloseReason.TOO_BIG : CloseReason.DATA_INVALID);
    }

    /** A message, counted by a transport that sees its bytes, that is over TIDINGS_MAX_FRAME. */
    public void onTooBig() {
        connection.close(CloseReason.TOO_BIG);
    }

    /** A text message that is not valid UTF-8, found by a transport that decodes it itself. */
    public void onInvalidUtf8() {
        connection.close(CloseReason.INVALID_UTF8);
    }

    /** A pong (or, where the transport shows them, a ping): the client is alive. */
    public void onHeartbeat() {
        connection.touch(System.nanoTime());
    }

    /** What the protocol does about a session that left; its failure must not stop the bookkeeping. */
    private void left() {
        try {
            sessions.protocol.onClosed(connection);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing session " + connection.id() + " failed", e);
        }
    }

    /**
     * The session is closed, by either side; called once. It is counted with the code this side sent when it
     * closed first, whatever the peer answered (or 1006 when it answered nothing), else with the peer's code.
     *
     * @param code the peer's close code, or the transport's (1006 when the connection ended without one)
     */
    public void onClosed(int code) {
        CloseReason ours = connection.closedBy();
        connection.markClosed();
        if (admitted) {
            sessions.admission.release(connection.remoteAddress());
        }
        if (connection.isAuthenticated()) {
            sessions.hub.unregister(connection);
            left();
        }
        if (ours == null) {
            sessions.metrics.sessionClosedByPeer(code);
        } else {
            sessions.metrics.sessionClosed(ours);
        }
    }
}
