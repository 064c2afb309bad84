package io.tidings.launcher;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.nio.file.Path;
import java.time.Duration;

/** {@code scripts/run}: starts Tidings on embedded Jetty with settings from the environment. */
public final class Main {
    /** The warm-up ends after this long whatever it got through: a slow machine must still start. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);

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
        if (settings.warmUp() > 0) {
            long start = System.nanoTime();
            int sessions = WarmUp.run(settings, config, settings.warmUp(), WARM_UP_LIMIT);
            System.out.printf("Warmed up with %d sessions in %.1f s%n", sessions, (System.nanoTime() - start) / 1e9);
        }
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
