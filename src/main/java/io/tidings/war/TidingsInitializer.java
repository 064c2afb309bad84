package io.tidings.war;

import io.tidings.Tidings;
import io.tidings.api.ApiRoutes;
import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import io.tidings.textpush.TextPushPort;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/**
 * Starts Tidings inside any Servlet 6 container. In a WAR the container finds it through META-INF/services and
 * the settings come from context parameters (then system properties, then the environment); it starts Tidings,
 * the text push port when configured, the backend API and the Jakarta WebSocket endpoint. The embedded launcher
 * hands it a Tidings it started itself instead ({@link #around}). An invalid configuration fails the deployment
 * with a log line naming every bad setting, rather than running with a guessable key.
 */
public final class TidingsInitializer implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(TidingsInitializer.class.getName());

    private final Tidings running;
    private final boolean webSocket;

    /** For containers, which instantiate it through ServiceLoader. */
    public TidingsInitializer() {
        this(null, true);
    }

    private TidingsInitializer(Tidings running, boolean webSocket) {
        this.running = running;
        this.webSocket = webSocket;
    }

    /**
     * For a launcher that started Tidings (and its text push port) itself: this context gets the backend API and
     * the lifecycle, and the Jakarta WebSocket endpoint only when {@code webSocket} (else the launcher serves
     * WebSockets outside the servlet context).
     */
    public static TidingsInitializer around(Tidings running, boolean webSocket) {
        return new TidingsInitializer(running, webSocket);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Tidings tidings = running != null ? running : startFor(context);
        context.setAttribute(Tidings.class.getName(), tidings);
        ApiRoutes.register(context, tidings);
        HandshakeFilter handshakeFilter = null;
        if (webSocket) {
            handshakeFilter = new HandshakeFilter();
            context.addFilter("tidings-websocket-handshake", handshakeFilter).addMappingForUrlPatterns(null, false, "/*");
        }
        context.addListener(new TidingsLifecycle(tidings, handshakeFilter));
    }

    private static Tidings startFor(ServletContext context) throws ServletException {
        TidingsConfig config;
        Tidings tidings;
        try {
            config = ConfigLoader.withContextParameters(context::getInitParameter).load();
            tidings = Tidings.start(config);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "Tidings not started: " + e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        try {
            TextPushPort textPush = TextPushPort.startIfEnabled(config, tidings.delivery(), tidings.metrics());
            if (textPush != null) {
                tidings.attach(textPush);
            }
        } catch (RuntimeException e) {
            tidings.close();
            LOG.log(System.Logger.Level.ERROR, "Tidings not started: " + e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        return tidings;
    }
}
