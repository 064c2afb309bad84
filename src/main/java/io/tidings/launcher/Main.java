package io.tidings.launcher;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
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
            System.out.println(DevBanner.of(config, server.port(), loader.generated()));
        }
        server.join();
    }
}
