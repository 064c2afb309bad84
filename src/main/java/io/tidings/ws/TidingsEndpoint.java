package io.tidings.ws;

import io.tidings.Tidings;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.Limits;
import io.tidings.limit.TokenBucket;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The WebSocket endpoint, deliberately thin: authenticate, register, delegate. One instance per connection.
 * Rejections happen after the upgrade, as close frames, so a browser can read why.
 */
public final class TidingsEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(TidingsEndpoint.class.getName());

    private final Tidings tidings;
    private final ConnectionIds ids;
    private WsConnection connection;
    private String address;
    private boolean admitted;
    private TokenBucket inboundRate;
    private InboundLimit limit;

    TidingsEndpoint(Tidings tidings, ConnectionIds ids) {
        this.tidings = tidings;
        this.ids = ids;
    }

    @Override
    public void onOpen(Session session, EndpointConfig endpointConfig) {
        applyLimits(session);
        connection = new WsConnection(session, ids.next(), tidings.config().sendQueueBytes(), tidings.closer(),
                tidings.hub()::unregister);
        address = connection.remoteAddress();
        if (!admit()) {
            return;
        }
        try {
            String uid = tidings.authenticator().authenticate(parameter(session, "uid"), parameter(session, "token"));
            connection.authenticated(uid);
            session.addMessageHandler(String.class, this::onText);
            session.addMessageHandler(ByteBuffer.class, binary ->
                    connection.close(limit.exceeds(binary) ? CloseReason.TOO_BIG : CloseReason.DATA_INVALID));
            session.addMessageHandler(PongMessage.class, pong -> connection.touch(System.nanoTime()));
            tidings.hub().register(connection);
        } catch (CloseException e) {
            tidings.metrics().authFailed(e.reason());
            connection.close(e.reason());
        } catch (RuntimeException e) {
            // Never the container's exception text on the wire, never the request URI (it has the token) in the log.
            LOG.log(System.Logger.Level.WARNING, "opening session " + connection.id() + " failed", e);
            connection.close(CloseReason.SERVER_ERROR);
        }
    }

    private void applyLimits(Session session) {
        int maxFrame = tidings.config().maxFrame();
        session.setMaxTextMessageBufferSize(maxFrame);
        session.setMaxBinaryMessageBufferSize(maxFrame);
        limit = new InboundLimit(maxFrame);
        // The idle timeout backstop is the container's default (WebSocketSetup): set here it would race Tyrus.
    }

    /** Shutdown, the handshake rate and the connection caps may turn a new session away (1001, 1013). */
    private boolean admit() {
        if (tidings.isClosing()) {
            connection.close(CloseReason.GOING_AWAY);
            return false;
        }
        if (!tidings.admission().tryAdmit(address)) {
            tidings.metrics().authFailed(CloseReason.TRY_AGAIN_LATER);
            connection.close(CloseReason.TRY_AGAIN_LATER);
            return false;
        }
        admitted = true;
        Limits limits = tidings.config().limits();
        inboundRate = new TokenBucket(limits.eventRate(), limits.eventBurst(), System.nanoTime());
        return true;
    }

    private void onText(String text) {
        long now = System.nanoTime();
        connection.touch(now);
        if (limit.exceeds(text)) {
            connection.close(CloseReason.TOO_BIG);
            return;
        }
        if (!inboundRate.tryTake(now)) {
            connection.close(CloseReason.RATE_LIMITED);
            return;
        }
        try {
            tidings.dispatcher().dispatch(connection, text);
        } catch (CloseException e) {
            connection.close(e.reason());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event handling failed on session " + connection.id(), e);
            connection.close(CloseReason.SERVER_ERROR);
        }
    }

    @Override
    public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
        if (connection == null) {
            return;
        }
        CloseReason ours = connection.closedBy();
        connection.markClosed();
        if (admitted) {
            tidings.admission().release(address);
        }
        if (connection.isAuthenticated()) {
            tidings.hub().unregister(connection);
        }
        tidings.metrics().sessionClosed(closeReason.getCloseCode().getCode(), ours == null ? "peer" : ours.label());
    }

    @Override
    public void onError(Session session, Throwable error) {
        // No request URI here: it carries the token.
        LOG.log(System.Logger.Level.DEBUG, "session {0}: {1}", connection == null ? "?" : connection.id(),
                error.toString());
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
