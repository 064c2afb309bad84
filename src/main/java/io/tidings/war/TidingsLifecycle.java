package io.tidings.war;

import io.tidings.Tidings;
import io.tidings.ws.WebSocketSetup;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers the WebSocket endpoint once the context is initialised (by then every container has created its
 * WebSocket server container, whatever order the initializers ran in) and shuts Tidings down with the context.
 */
final class TidingsLifecycle implements ServletContextListener {
    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    private final Tidings tidings;
    private final HandshakeFilter handshakeFilter;

    /** @param handshakeFilter null when the launcher serves the WebSocket itself (no Jakarta endpoint to register) */
    TidingsLifecycle(Tidings tidings, HandshakeFilter handshakeFilter) {
        this.tidings = tidings;
        this.handshakeFilter = handshakeFilter;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (handshakeFilter != null) {
            handshakeFilter.use(WebSocketSetup.install(event.getServletContext().getAttribute(SERVER_CONTAINER),
                    tidings.sessions()));
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        tidings.close();
    }
}
