package io.tidings.launcher;

import io.tidings.Tidings;
import io.tidings.api.PushCall;
import io.tidings.session.ConnectionIds;
import io.tidings.session.InboundLimit;
import io.tidings.session.OriginPolicy;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The embedded server's direct WebSocket transport, its handshake: an RFC 6455 upgrade of {@code /ws} or of the
 * root itself (seed 004's {@code ws://host:9501?uid=&token=}) is answered 101 here, and the socket handed to a
 * {@link DirectConnection}; a POST of /api/push is answered by {@link DirectPush}, also without a hand-off; every
 * other request, a plain GET of the root (the demo page) included, passes on to a pool thread.
 * The handshake is refused with an HTTP status: 403 for an Origin not on TIDINGS_ALLOWED_ORIGINS (as every WAR
 * container answers it), 426 for a WebSocket version other than 13, 400 without a Sec-WebSocket-Key. No
 * extension and no subprotocol is ever negotiated. Who the client is gets decided after the upgrade, with a
 * close code a browser can read.
 */
final class DirectUpgrade extends Handler.Wrapper {
    private final Tidings tidings;
    private final OriginPolicy origins;
    private final InboundLimit limit;
    private final long idleBackstopMillis;
    private final ConnectionIds ids = new ConnectionIds();
    private final DirectPush push;

    DirectUpgrade(Tidings tidings, Handler next) {
        super(next);
        this.tidings = tidings;
        this.origins = new OriginPolicy(tidings.config().security().allowedOrigins());
        this.limit = new InboundLimit(tidings.config().maxFrame());
        this.idleBackstopMillis = tidings.config().idleBackstop().toMillis();
        this.push = new DirectPush(new PushCall(tidings), task -> getServer().getThreadPool().execute(task));
    }

    /**
     * Jetty reads a request on its selector thread, without a hand-off, only when every handler declares itself
     * non-blocking: an upgrade is answered right there, and everything else (the servlet context, which blocks)
     * is handed to a pool thread by {@link #handle}.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (push.takes(request)) {
            push.handle(request, response, callback);
            return true;
        }
        if (!isWebSocketUpgrade(request)) {
            getServer().getThreadPool().execute(() -> passOn(request, response, callback));
            return true;
        }
        String key = request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (!"13".equals(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION))) {
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
            Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    "WebSocket version 13 only");
        } else if (key == null || key.isBlank()) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "Sec-WebSocket-Key missing");
        } else if (!origins.allows(request.getHeaders().get(HttpHeader.ORIGIN))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
        } else {
            upgrade(request, response, callback, key);
        }
        return true;
    }

    private void passOn(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, failure);
        }
    }

    private void upgrade(Request request, Response response, Callback callback, String key) {
        // The query (uid and token) is read here and goes no further: the connection keeps no request.
        Fields query = Request.extractQueryParameters(request);
        DirectConnection connection = new DirectConnection(tidings,
                request.getConnectionMetaData().getConnection().getEndPoint(),
                request.getConnectionMetaData().getConnector(), ids.next(), UpgradeCredentials.addressOf(request), limit,
                idleBackstopMillis, query.getValue("uid"), query.getValue("token"));
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_ACCEPT, WebSocketUtils.hashKey(key));
        // Jetty switches the socket to this connection once the 101 is written.
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        response.write(true, null, callback);
    }

    private static boolean isWebSocketUpgrade(Request request) {
        String path = Request.getPathInContext(request);
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        return UpgradeCredentials.isWebSocketUpgrade(request) && ("/".equals(path) || "/ws".equals(path))
                && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }
}
