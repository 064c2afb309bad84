package io.tidings.war;

import io.tidings.Tidings;
import io.tidings.api.ApiRoutes;
import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/**
 * Starts Tidings inside any Servlet 6 container. In a WAR the container finds it through
 * META-INF/services and the settings come from context parameters (then system properties, then the
 * environment); the embedded launcher and the tests hand it a ready {@link TidingsConfig} instead. An invalid
 * configuration fails the deployment with a log line naming every bad setting, rather than running with a
 * guessable key.
 */
public final class TidingsInitializer implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(TidingsInitializer.class.getName());

    private final TidingsConfig preset;
    private final Tidings running;

    /** For containers, which instantiate it through ServiceLoader. */
    public TidingsInitializer() {
        this(null);
    }

    public TidingsInitializer(TidingsConfig preset) {
        this(preset, null);
    }

    private TidingsInitializer(TidingsConfig preset, Tidings running) {
        this.preset = preset;
        this.running = running;
    }

    /**
     * For a launcher that serves the WebSocket itself, outside the servlet context: this context gets the
     * backend API (and its lifecycle) of an already started Tidings, and no Jakarta endpoint.
     */
    public static TidingsInitializer apiOnly(Tidings running) {
        return new TidingsInitializer(running.config(), running);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (running != null) {
            context.setAttribute(Tidings.class.getName(), running);
            ApiRoutes.register(context, running);
            context.addListener(new TidingsLifecycle(running, null));
            return;
        }
        TidingsConfig config;
        try {
            config = preset != null ? preset : ConfigLoader.withContextParameters(context::getInitParameter).load();
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "Tidings not started: " + e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        Tidings tidings = Tidings.start(config);
        context.setAttribute(Tidings.class.getName(), tidings);
        ApiRoutes.register(context, tidings);
        RootUpgradeFilter rootUpgrade = new RootUpgradeFilter();
        context.addFilter("tidings-root-websocket", rootUpgrade).addMappingForUrlPatterns(null, false, "/*");
        context.addListener(new TidingsLifecycle(tidings, rootUpgrade));
    }
}
