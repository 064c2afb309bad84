package io.tidings.launcher;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;

/** {@code scripts/run}: starts Tidings on embedded Jetty with settings from the environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
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
            // One line naming the setting, as for every other bad setting, not Jetty's stack trace.
            System.err.println("TIDINGS_PORT " + settings.port() + " is already in use on " + settings.host()
                    + ": stop what listens there, or set TIDINGS_PORT to a free port");
            System.exit(2);
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

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
