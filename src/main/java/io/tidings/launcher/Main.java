package io.tidings.launcher;

import io.tidings.auth.LegacyToken;
import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.nio.file.Path;
import java.time.Duration;

/** {@code scripts/run}: starts Tidings on embedded Jetty with settings from the environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        TidingsConfig config;
        try {
            config = loader.load();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path webRoot = Path.of(System.getProperty("tidings.web.root", "webapp"));
        EmbeddedServer server = EmbeddedServer.start(config, webRoot);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "tidings-shutdown"));
        System.out.println("Tidings listening on port " + server.port() + " (" + config + ")");
        if (config.dev()) {
            printDevBanner(config, server.port(), loader);
        }
        server.join();
    }

    /** Dev mode only: the generated secrets and ready-to-use URLs, so a first run needs no setup. */
    private static void printDevBanner(TidingsConfig config, int port, ConfigLoader loader) {
        var jwt = new io.tidings.auth.JwtToken(config.key(), java.time.Clock.systemUTC());
        StringBuilder banner = new StringBuilder("\n==== DEV MODE: never use these settings in production ====\n");
        if (loader.generated().contains("TIDINGS_KEY")) {
            banner.append("TIDINGS_KEY=").append(config.key()).append("   (generated for this run)\n");
        }
        if (loader.generated().contains("TIDINGS_API_KEY")) {
            banner.append("TIDINGS_API_KEY=").append(config.apiKey()).append("   (generated for this run)\n");
        }
        banner.append("Demo page:  http://localhost:").append(port).append("/\n");
        for (String uid : new String[] {"100", "101"}) {
            banner.append("uid ").append(uid).append(":  ws://localhost:").append(port).append("/ws?uid=").append(uid)
                    .append("&token=").append(LegacyToken.issue(uid, config.key())).append('\n');
            banner.append("           page: http://localhost:").append(port).append("/?uid=").append(uid)
                    .append("&token=").append(jwt.issue(uid, Duration.ofHours(12))).append('\n');
        }
        banner.append("===========================================================\n");
        System.out.println(banner);
    }
}
