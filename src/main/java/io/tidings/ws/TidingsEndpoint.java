package io.tidings.ws;

import io.tidings.session.ClientSession;
import io.tidings.session.SessionRequest;
import io.tidings.session.Sessions;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The Jakarta WebSocket endpoint, deliberately thin: it adapts the container's callbacks to a
 * {@link ClientSession}, which authenticates, registers and delegates. One instance per connection.
 */
public final class TidingsEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(TidingsEndpoint.class.getName());

    private final Sessions sessions;
    private WsConnection connection;
    private ClientSession client;

    TidingsEndpoint(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onOpen(Session session, EndpointConfig endpointConfig) {
        // The idle timeout backstop is the container's default (WebSocketSetup): set here it would race Tyrus.
        session.setMaxTextMessageBufferSize(sessions.maxFrame());
        session.setMaxBinaryMessageBufferSize(sessions.maxFrame());
        connection = new WsConnection(session, sessions.nextSerial(), sessions.sendQueueBytes(), sessions.closer(),
                sessions.pinger(), sessions.onClosing());
        client = sessions.client(connection);
        client.open(SessionRequest.from(name -> parameter(session, name)), () -> {
            session.addMessageHandler(String.class, client::onText);
            session.addMessageHandler(ByteBuffer.class, binary -> client.onBinary(binary.remaining()));
            session.addMessageHandler(PongMessage.class, pong -> client.onHeartbeat());
        });
    }

    @Override
    public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
        if (client != null) {
            client.onClosed(closeReason.getCloseCode().getCode());
        }
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
