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
 * Hands a WebSocket upgrade for the context root itself to {@link RootHandshake}, before the container can
 * map "/" to its welcome file (Tomcat does, and would answer with the demo page). Every other request, and a
 * plain GET of the root (the page), passes through untouched.
 */
final class RootUpgradeFilter extends HttpFilter {
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
        if (root != null && isRoot(request) && Handshake.isWebSocketUpgrade(request.getMethod(),
                request.getHeader("Upgrade"))) {
            root.upgrade(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isRoot(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.isEmpty() || path.equals("/");
    }
}
