package io.tidings.launcher;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code scripts/run}: starts Tidings on embedded Jetty with settings from the environment. With
 * {@code --warm-up-only} it runs the warm-up alone and exits: scripts/run trains a JDK's AOT cache with that.
 */
public final class Main {
    /** The warm-up ends after this long whatever it got through: a slow machine must still start. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(JavaRuntime.describe());
        ConfigLoader loader = ServerSettings.defaults(ConfigLoader.fromEnvironment());
        TidingsConfig config = loader.read();
        ServerSettings settings = ServerSettings.read(loader, config.dev());
        try {
            loader.check();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path webRoot = Path.of(System.getProperty("tidings.web.root", "webapp"));
        boolean warmUpOnly = List.of(args).contains("--warm-up-only");
        if (!warmUpOnly && !portFree(settings)) {
            portInUse(settings); // said now, not after a warm-up of up to a minute
            return;
        }
        if (settings.warmUp() > 0 || warmUpOnly) {
            warmUp(settings, config);
        }
        if (warmUpOnly) {
            return;
        }
        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(settings, config, webRoot);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            if (!isBindFailure(e)) {
                throw e;
            }
            portInUse(settings);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "tidings-shutdown"));
        System.out.println("Tidings listening on port " + server.port() + " (" + settings + ", " + config + ")");
        if (config.dev()) {
            System.out.println(DevBanner.of(config, server.port(), loader.generated(), loader.devKeys()));
        }
        server.join();
    }

    /** One line naming the setting, as for every other bad setting, not Jetty's stack trace. */
    private static void portInUse(ServerSettings settings) {
        System.err.println("TIDINGS_PORT " + settings.port() + " is already in use on " + settings.host()
                + ": stop what listens there, or set TIDINGS_PORT to a free port");
        System.exit(2);
    }

    /** Whether the port can be bound now (a free port, 0, always can). */
    private static boolean portFree(ServerSettings settings) {
        if (settings.port() == 0) {
            return true;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(settings.host(), settings.port()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A warm-up that fails costs the first clients time, not the start: it is reported and the start goes on. */
    private static void warmUp(ServerSettings settings, TidingsConfig config) {
        try {
            System.out.println(WarmUp.run(settings, config, Math.max(settings.warmUp(), 1), WARM_UP_LIMIT));
        } catch (Exception e) {
            System.err.println("Warm-up failed, starting without it: " + e);
        }
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
