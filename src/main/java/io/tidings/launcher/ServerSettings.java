package io.tidings.launcher;

import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded launcher's own settings, which a WAR has no use for (its container owns the port, the address,
 * the WebSocket implementation and the access log). Read with the same {@link ConfigLoader} as the shared
 * settings, so that a bad one is reported together with every other.
 *
 * @param port       TIDINGS_PORT: the TCP port (0 picks a free one).
 * @param host       TIDINGS_HOST: the bind address.
 * @param webSocket  TIDINGS_EMBEDDED_WEBSOCKET: which WebSocket transport serves the sessions.
 * @param requestLog TIDINGS_REQUEST_LOG: log every HTTP request (never its query string, which holds tokens).
 * @param requestTimeout TIDINGS_REQUEST_TIMEOUT: the longest a request's headers may take once begun, and the
 *                   longest an HTTP connection may stay silent (a stalled body, an idle keep-alive connection).
 * @param warmUp     TIDINGS_WARMUP: at most this many sessions go through a private instance before the port
 *                   opens ({@link WarmUp}, which stops once the JIT is quiet), so a restart's reconnect storm
 *                   meets compiled code; 0 for none.
 * @param chatPort   TIDINGS_CHAT_PORT: a second port where every WebSocket is a chat session (0: none).
 */
public record ServerSettings(int port, String host, Transport webSocket, boolean requestLog,
        Duration requestTimeout, int warmUp, int chatPort) {
    /** The embedded server's WebSocket transports; the wire protocol is the same on both. */
    public enum Transport {
        /** Tidings' own RFC 6455 connection on Jetty's sockets: frames read and handled on the selector thread. */
        DIRECT,
        /** Jakarta WebSocket on Jetty, exactly as a WAR runs; it also negotiates permessage-deflate. */
        JAKARTA
    }

    /**
     * The embedded server's inbox directory when TIDINGS_DATA_DIR is not set: the user's data directory
     * ({@code $XDG_DATA_HOME/tidings}, else {@code ~/.local/share/tidings}), which survives {@code mvn clean}
     * and is never inside {@code target/}. A WAR has no such default: its container's user is not a person's.
     */
    public static String defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("tidings").toString();
    }

    /** The shared settings' loader with the launcher's defaults for them (the data directory). */
    public static ConfigLoader defaults(ConfigLoader loader) {
        return loader.withDefault("TIDINGS_DATA_DIR", defaultDataDir());
    }

    /** Reads the launcher's settings; what is wrong waits in the loader until {@link ConfigLoader#check}. */
    public static ServerSettings read(ConfigLoader loader, boolean dev) {
        return new ServerSettings(
                loader.integer("TIDINGS_PORT", 9501, 0, 65535),
                loader.text("TIDINGS_HOST", dev ? "127.0.0.1" : "0.0.0.0"),
                loader.choice("TIDINGS_EMBEDDED_WEBSOCKET", Transport.DIRECT),
                loader.bool("TIDINGS_REQUEST_LOG", false),
                Duration.ofSeconds(loader.integer("TIDINGS_REQUEST_TIMEOUT", 20, 1, 3600)),
                loader.integer("TIDINGS_WARMUP", dev ? 0 : 50_000, 0, 1_000_000), // dev mode: start at once
                loader.integer("TIDINGS_CHAT_PORT", 0, 0, 65535));
    }

    /**
     * A cluster member without TIDINGS_NODE_ID is named after its host and port (a port chosen at random, 0, leaves
     * the name to the cluster: the host and a random suffix).
     */
    TidingsConfig nameNode(TidingsConfig config) {
        if (!config.clustered() || config.cluster().nodeId() != null || port == 0) {
            return config;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.@-]", "-");
        } catch (java.io.IOException e) {
            host = "node";
        }
        return config.withCluster(config.cluster().withNodeId(host.substring(0, Math.min(host.length(), 57)) + ":"
                + port));
    }

    /** The direct transport negotiates no extension: with compression on, the Jakarta one serves the sessions. */
    Transport transportFor(TidingsConfig config) {
        return config.compression() ? Transport.JAKARTA : webSocket;
    }

    @Override
    public String toString() {
        return "ServerSettings[port=" + port + ", host=" + host + ", webSocket=" + webSocket + ", requestLog="
                + requestLog + ", requestTimeout=" + requestTimeout.toSeconds() + "s, warmUp=" + warmUp + ", chatPort="
                + chatPort + "]";
    }
}
