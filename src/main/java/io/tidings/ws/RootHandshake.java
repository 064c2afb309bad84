package io.tidings.ws;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Upgrades a request for the context root ("/") to the Tidings endpoint directly, through the portable
 * {@link ServerContainer#upgradeHttpToWebSocket} of Jakarta WebSocket 2.1. Needed because Tomcat maps "/" to
 * its welcome file (index.html, the demo page) before its WebSocket filter looks for an endpoint, and then
 * answers seed 004's {@code ws://host/ctx/?uid=&token=} with the page (HTTP 200) instead of a WebSocket.
 * The request and response are the servlet objects, passed as Object so this package stays servlet-free.
 */
public final class RootHandshake {
    private final ServerContainer container;
    private final ServerEndpointConfig root;

    RootHandshake(ServerContainer container, ServerEndpointConfig root) {
        this.container = container;
        this.root = root;
    }

    public void upgrade(Object httpServletRequest, Object httpServletResponse) throws IOException {
        try {
            container.upgradeHttpToWebSocket(httpServletRequest, httpServletResponse, root, Map.of());
        } catch (DeploymentException e) {
            throw new IOException("WebSocket upgrade at the context root failed: " + e.getMessage(), e);
        }
    }
}
