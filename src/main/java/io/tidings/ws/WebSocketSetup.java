package io.tidings.ws;

import io.tidings.Tidings;
import io.tidings.config.TidingsConfig;
import io.tidings.session.ConnectionIds;
import io.tidings.session.InboundLimit;
import io.tidings.session.OriginPolicy;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.util.List;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Registers the Tidings endpoint with whatever Jakarta WebSocket container the servlet container provides, at
 * {@code /ws} and, for seed 004's clients ({@code ws://host:9501?uid=&token=}), at the context root. Browsers
 * from an origin not on TIDINGS_ALLOWED_ORIGINS are refused at the handshake (HTTP 403).
 */
public final class WebSocketSetup {
    /** The WebSocket paths, relative to the context path. */
    public static final String[] PATHS = {"/ws", "/"};

    private WebSocketSetup() {
    }

    /**
     * @param serverContainer the servlet context attribute named {@code jakarta.websocket.server.ServerContainer}
     * @return the handshake for upgrades at the context root that the container's own mapping misses
     */
    public static RootHandshake install(Object serverContainer, Tidings tidings) {
        if (!(serverContainer instanceof ServerContainer container)) {
            throw new IllegalStateException("this servlet container provides no Jakarta WebSocket server container"
                    + " (servlet context attribute " + ServerContainer.class.getName() + " is missing)");
        }
        TidingsConfig config = tidings.config();
        applyLimits(container, config);
        ConnectionIds ids = new ConnectionIds();
        InboundLimit limit = new InboundLimit(config.maxFrame());
        OriginPolicy origins = new OriginPolicy(config.security().allowedOrigins());
        ServerEndpointConfig.Configurator configurator = new ServerEndpointConfig.Configurator() {
            @Override
            public boolean checkOrigin(String originHeaderValue) {
                return origins.allows(originHeaderValue);
            }

            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                return super.getNegotiatedExtensions(installed, requested).stream()
                        .filter(extension -> config.negotiates(extension.getName())).toList();
            }

            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) {
                return endpointClass.cast(new TidingsEndpoint(tidings, ids, limit));
            }
        };
        ServerEndpointConfig root = null;
        try {
            for (String path : PATHS) {
                ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(TidingsEndpoint.class, path)
                        .configurator(configurator).build();
                container.addEndpoint(endpoint);
                root = path.equals("/") ? endpoint : root;
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not register the WebSocket endpoint: " + e.getMessage(), e);
        }
        return new RootHandshake(container, root);
    }

    /**
     * Container-wide defaults, so every session is created with them. The idle timeout in particular must not
     * be set in onOpen: Tyrus (GlassFish) may handle a session's first frame while onOpen runs, and with no
     * timeout yet that schedules an immediate idle check, which then finds the timeout onOpen has just set and
     * closes the fresh session 1000 "because of the idle timeout". Our sweeper decides idleness (4005); the
     * container's idle timeout is only a backstop behind it.
     */
    private static void applyLimits(ServerContainer container, TidingsConfig config) {
        container.setDefaultMaxSessionIdleTimeout(config.idleBackstop().toMillis());
        container.setDefaultMaxTextMessageBufferSize(config.maxFrame());
        container.setDefaultMaxBinaryMessageBufferSize(config.maxFrame());
    }
}
