package io.tidings.launcher.websocket;

import io.tidings.session.Handshake;
import io.tidings.session.SessionRequest;
import io.tidings.session.Sessions;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The direct transport's handshake: an RFC 6455 upgrade of {@code /ws} or of the root itself (seed 004's
 * {@code ws://host:9501?uid=&token=}), or of {@code /chat} for a chat session, or of any path on the chat port,
 * is answered 101 and the socket handed to a {@link FrameReader} of the path's sessions. It is
 * refused with an HTTP status instead: 403 for an Origin not on TIDINGS_ALLOWED_ORIGINS (as every WAR container
 * answers it), 426 for a WebSocket version other than 13, 400 without a Sec-WebSocket-Key of 16 bytes in base64. No extension and no
 * subprotocol is ever negotiated. Who the client is gets decided after the upgrade, with a close code a browser
 * can read. Everything here runs on Jetty's selector thread and never blocks.
 */
public final class WebSocketUpgrade {
    private final Function<String, Sessions> route;
    private final HandshakeWatch watch;

    private WebSocketUpgrade(Function<String, Sessions> route, HandshakeWatch watch) {
        this.route = route;
        this.watch = watch;
    }

    /** Event sessions at {@code /ws} and the root; chat sessions at {@code /chat} (none when chat is null). */
    public static WebSocketUpgrade paths(Sessions events, Sessions chat) {
        return new WebSocketUpgrade(path -> switch (path) {
            case "/", "/ws" -> events;
            case "/chat" -> chat;
            default -> null;
        }, new HandshakeWatch(events.closer()));
    }

    /** Chat sessions at every path: the chat port, where workerman-chat's clients connect to the bare host:port. */
    public static WebSocketUpgrade everyPath(Sessions chat) {
        return new WebSocketUpgrade(path -> chat, new HandshakeWatch(chat.closer()));
    }

    /** Whether this request is an upgrade for one of the WebSocket paths (then {@link #answer} it). */
    public boolean takes(Request request) {
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        return Handshake.isWebSocketUpgrade(request.getMethod(), request.getHeaders().get(HttpHeader.UPGRADE))
                && route.apply(Request.getPathInContext(request)) != null
                && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /** Answers 101 and hands the socket over, or refuses with an HTTP status. */
    public void answer(Request request, Response response, Callback callback) {
        Sessions sessions = route.apply(Request.getPathInContext(request));
        String key = request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (!"13".equals(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION))) {
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
            Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    "WebSocket version 13 only");
        } else if (!Handshake.isValidKey(key)) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                    "Sec-WebSocket-Key must be 16 bytes in base64");
        } else if (!sessions.allowsOrigin(request.getHeaders().get(HttpHeader.ORIGIN))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
        } else {
            upgrade(sessions, request, response, callback, key);
        }
    }

    private void upgrade(Sessions sessions, Request request, Response response, Callback callback,
            String key) {
        // The query (uid and token) is read here and goes no further: the connection keeps no request.
        Fields query = Request.extractQueryParameters(request);
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        FrameReader connection = new FrameReader(sessions, endPoint,
                request.getConnectionMetaData().getConnector(),
                Handshake.addressOf(request.getConnectionMetaData().getRemoteSocketAddress()),
                SessionRequest.from(query::getValue));
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_ACCEPT, WebSocketUtils.hashKey(key));
        // Jetty switches the socket to this connection once the 101 is written.
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        if (sessions.welcomes() && endPoint instanceof HandshakeEndPoint handshake) {
            handshake.holdNextWrite(); // the 101 leaves with the welcome
            watch.watch(handshake, connection);
        }
        response.write(true, null, callback);
    }
}
