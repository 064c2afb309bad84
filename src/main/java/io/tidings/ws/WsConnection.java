package io.tidings.ws;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import io.tidings.session.Handshake;
import io.tidings.session.QueuedConnection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Jakarta WebSocket session as a {@link QueuedConnection}: text frames go out through the async remote, one at a
 * time; the heartbeat's pings and the close, which the Jakarta API only offers as blocking calls, run on
 * executors of their own, each in its turn behind the frame in flight.
 */
final class WsConnection extends QueuedConnection implements SendHandler {
    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());
    private static final String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final ScheduledExecutorService closer;
    private final Executor pinger;

    /**
     * @param closer runs the close handshake, which may block until the peer reads; also the close's deadline
     * @param pinger sends pings, which block while the peer does not read
     */
    WsConnection(Session session, long serial, int queueLimit, ScheduledExecutorService closer, Executor pinger,
            Consumer<LiveSession> onClosing) {
        super(serial, addressOf(session), queueLimit, onClosing);
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.closer = closer;
        this.pinger = pinger;
    }

    private static String addressOf(Session session) {
        return Handshake.addressOf(session.getUserProperties().get(REMOTE_ADDRESS) instanceof SocketAddress address
                ? address : null);
    }

    @Override
    protected void write(OutboundText frame) {
        try {
            remote.sendText(frame.text(), this);
        } catch (RuntimeException e) {
            // The container refused the send (session already closing): this connection is done.
            written(false);
        }
    }

    @Override
    public void onResult(SendResult result) {
        written(result.isOK());
    }

    /**
     * The close goes through the one writer, behind the frame in flight: a container asked to close while its own
     * async send still writes may end the connection without a close frame (Tomcat and GlassFish did, now and
     * then). A peer that reads nothing cannot hold it back for long: after the close grace it is closed anyway.
     */
    @Override
    protected void closeTransport(CloseReason reason) {
        sendClose(reason);
        try {
            closer.schedule(() -> closeNow(reason), CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the closer has stopped: the container ends what is left with the application
        }
    }

    @Override
    protected void writeControl(Kind kind, Object frame) {
        boolean ping = kind == Kind.PING;
        Runnable call = ping ? () -> written(sendPing()) : () -> {
            closeNow((CloseReason) frame);
            written(true);
        };
        try {
            (ping ? pinger : closer).execute(call);
        } catch (RejectedExecutionException busy) {
            if (ping) {
                written(true); // no ping this time (the pinger is saturated or stopped); the next sweep may send one
            } else {
                call.run(); // the closer stops at shutdown; a session opened during the drain is closed here instead
            }
        }
    }

    private boolean sendPing() {
        try {
            remote.sendPing(ByteBuffer.allocate(0));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ping of session {0} failed: {1}", id(), e.toString());
            return false;
        }
    }

    private void closeNow(CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new jakarta.websocket.CloseReason(
                    jakarta.websocket.CloseReason.CloseCodes.getCloseCode(reason.code()), reason.text()));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "close of session {0} failed: {1}", id(), e.toString());
        }
    }
}
