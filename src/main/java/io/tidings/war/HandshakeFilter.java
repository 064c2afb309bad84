package io.tidings.war;

import io.tidings.session.Handshake;
import io.tidings.ws.RootHandshake;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What Tidings checks of a WebSocket upgrade in a WAR before the container's own WebSocket filter sees it: a
 * Sec-WebSocket-Key that is not 16 bytes in base64 is answered 400 (RFC 6455 section 4.2.1; containers let it
 * through), and an upgrade for the context root itself goes to {@link RootHandshake}, before the container can
 * map "/" to its welcome file (Tomcat does, and would answer with the demo page). Every other request, and a
 * plain GET of the root (the page), passes through untouched.
 */
final class HandshakeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private transient volatile RootHandshake handshake;

    /** Set once the WebSocket endpoint is registered; until then requests pass through. */
    void use(RootHandshake rootHandshake) {
        this.handshake = rootHandshake;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RootHandshake root = handshake;
        if (root == null || !Handshake.isWebSocketUpgrade(request.getMethod(), request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean atRoot = path.isEmpty() || path.equals("/");
        if ((atRoot || path.equals("/ws")) && !Handshake.isValidKey(request.getHeader("Sec-WebSocket-Key"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Sec-WebSocket-Key must be 16 bytes in base64");
        } else if (atRoot) {
            root.upgrade(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
