package io.tidings.ws;

import io.tidings.session.Sessions;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Registers the Tidings endpoint with whatever Jakarta WebSocket container the servlet container provides, at
 * {@code /ws} and, for seed 004's clients ({@code ws://host:9501?uid=&token=}), at the context root, and the
 * chat sessions at {@code /chat}. Browsers from an origin not on TIDINGS_ALLOWED_ORIGINS are refused at the
 * handshake (HTTP 403).
 */
public final class WebSocketSetup {
    /** The event sessions' WebSocket paths, relative to the context path. */
    public static final String[] PATHS = {"/ws", "/"};
    /** The chat sessions' path (workerman-chat's protocol). */
    public static final String CHAT_PATH = "/chat";

    private WebSocketSetup() {
    }

    /**
     * @param serverContainer the servlet context attribute named {@code jakarta.websocket.server.ServerContainer}
     * @param chat            the chat sessions, or null when TIDINGS_CHAT=off (then there is no /chat)
     * @return the handshake for upgrades at the context root that the container's own mapping misses
     */
    public static RootHandshake install(Object serverContainer, Sessions sessions, Sessions chat) {
        if (!(serverContainer instanceof ServerContainer container)) {
            throw new IllegalStateException("this servlet container provides no Jakarta WebSocket server container"
                    + " (servlet context attribute " + ServerContainer.class.getName() + " is missing)");
        }
        applyLimits(container, sessions);
        ServerEndpointConfig root = null;
        try {
            ServerEndpointConfig.Configurator events = configurator(sessions);
            for (String path : PATHS) {
                ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(TidingsEndpoint.class, path)
                        .configurator(events).build();
                container.addEndpoint(endpoint);
                root = path.equals("/") ? endpoint : root;
            }
            if (chat != null) {
                container.addEndpoint(ServerEndpointConfig.Builder.create(TidingsEndpoint.class, CHAT_PATH)
                        .configurator(configurator(chat)).build());
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not register the WebSocket endpoint: " + e.getMessage(), e);
        }
        return new RootHandshake(container, root);
    }

    /** Each connection a new endpoint over these sessions; their origin rule and extension choice. */
    private static ServerEndpointConfig.Configurator configurator(Sessions sessions) {
        return new ServerEndpointConfig.Configurator() {
            @Override
            public boolean checkOrigin(String originHeaderValue) {
                return sessions.allowsOrigin(originHeaderValue);
            }

            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                return super.getNegotiatedExtensions(installed, requested).stream()
                        .filter(extension -> sessions.negotiates(extension.getName())).toList();
            }

            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) {
                return endpointClass.cast(new TidingsEndpoint(sessions));
            }
        };
    }

    /**
     * Container-wide defaults, so every session is created with them. The idle timeout in particular must not
     * be set in onOpen: Tyrus (GlassFish) may handle a session's first frame while onOpen runs, and with no
     * timeout yet that schedules an immediate idle check, which then finds the timeout onOpen has just set and
     * closes the fresh session 1000 "because of the idle timeout". Our sweeper decides idleness (4005); the
     * container's idle timeout is only a backstop behind it.
     */
    private static void applyLimits(ServerContainer container, Sessions sessions) {
        container.setDefaultMaxSessionIdleTimeout(sessions.idleBackstop().toMillis());
        container.setDefaultMaxTextMessageBufferSize(sessions.maxFrame());
        container.setDefaultMaxBinaryMessageBufferSize(sessions.maxFrame());
    }
}
