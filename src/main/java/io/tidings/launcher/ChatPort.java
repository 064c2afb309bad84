package io.tidings.launcher;

import io.tidings.launcher.websocket.WebSocketUpgrade;
import io.tidings.session.Sessions;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * TIDINGS_CHAT_PORT: a second listening port for workerman-chat's unchanged clients, which connect to the bare
 * {@code ws://host:7272} (with {@code ?uid=&token=}). Every WebSocket upgrade there, whatever its path, is a
 * chat session of the direct transport (the chat port negotiates no compression); anything else is answered
 * 426. Requests on the main port pass through to the rest of the server untouched.
 */
final class ChatPort extends Handler.Wrapper {
    private final Connector connector;
    private final WebSocketUpgrade upgrades;

    private ChatPort(Connector connector, Sessions chat, Handler main) {
        super(main);
        this.connector = connector;
        this.upgrades = WebSocketUpgrade.everyPath(chat);
    }

    /** Adds the chat port's connector to the server and returns the handler that serves both ports. */
    static Handler around(Server server, ConnectionFactory http, String host, int port, Sessions chat, Handler main) {
        ServerConnector connector = new SelectorAcceptConnector(server, http);
        connector.setName("chat");
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        return new ChatPort(connector, chat, main);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getConnector() != connector) {
            return super.handle(request, response, callback);
        }
        if (upgrades.takes(request)) {
            upgrades.answer(request, response, callback);
        } else {
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    "the chat port takes WebSocket upgrades only: ws://host:port/?uid=&token=");
        }
        return true;
    }
}
