package io.tidings.launcher;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Takes a WebSocket upgrade's query string ({@code ?uid=&token=}) off its URI, into a request attribute, before
 * Jetty's WebSocket core sees the request. Jetty keeps the upgrade URI and its parameter map for the whole life
 * of a session: without the query it keeps neither the token (a credential has no business staying in memory
 * once checked) nor the strings, map and lists of the parameters, a tenth of an idle session's memory. Every
 * other request passes untouched. It also holds what both embedded transports read off an upgrade request the
 * same way: whether it is one, and the peer's address.
 */
final class UpgradeCredentials extends Handler.Wrapper {
    /** The upgrade's query parameters, as {@link Fields}. */
    static final String ATTRIBUTE = UpgradeCredentials.class.getName();

    UpgradeCredentials(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().getQuery() == null || !isWebSocketUpgrade(request)) {
            return super.handle(request, response, callback);
        }
        Fields query = Request.extractQueryParameters(request);
        HttpURI withoutQuery = HttpURI.build(request.getHttpURI()).query(null).asImmutable();
        Request stripped = new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return withoutQuery;
            }
        };
        stripped.setAttribute(ATTRIBUTE, query);
        return super.handle(stripped, response, callback);
    }

    /** The peer's IP address as the Jakarta containers report it: "::1", never Jetty's bracketed "[::1]". */
    static String addressOf(Request request) {
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
                && socket.getAddress() != null) {
            return socket.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** A GET asking to upgrade to WebSocket (the embedded transports check the rest of the handshake). */
    static boolean isWebSocketUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return HttpMethod.GET.is(request.getMethod()) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }
}
