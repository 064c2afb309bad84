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
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A Jakarta WebSocket session as a {@link QueuedConnection}: frames go out through the async remote, one at a
 * time, and the close handshake runs on the closer executor.
 */
final class WsConnection extends QueuedConnection implements SendHandler {
    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());
    private static final String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Executor closer;

    WsConnection(Session session, long serial, int queueLimit, Executor closer, Consumer<LiveSession> onClosing) {
        super(serial, addressOf(session), queueLimit, onClosing);
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.closer = closer;
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

    @Override
    protected void closeTransport(CloseReason reason) {
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
            LOG.log(System.Logger.Level.DEBUG, "close of session {0} failed: {1}", id(), e.toString());
        }
    }
}
