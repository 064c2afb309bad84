package io.tidings.testing;

import io.tidings.Tidings;
import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import io.tidings.launcher.EmbeddedServer;
import io.tidings.textpush.TextPushPort;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real embedded server on a free port, configured from a map (nothing from the process environment). */
public final class TestServer implements AutoCloseable {
    public static final String KEY = "test-key-0123456789abcdef0123456789abcdef";
    public static final String API_KEY = "test-api-key-0123456789abcdef";

    private final EmbeddedServer server;

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    public static TestServer start() throws Exception {
        return start(Map.of());
    }

    /** Starts with the test keys and port 0, plus the given settings (names as environment variables). */
    public static TestServer start(Map<String, String> overrides) throws Exception {
        return new TestServer(EmbeddedServer.start(ConfigLoader.fromMap(settings(overrides)), Path.of("webapp")));
    }

    public static TidingsConfig config(Map<String, String> overrides) {
        return ConfigLoader.fromMap(settings(overrides)).load();
    }

    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("TIDINGS_PORT", "0");
        settings.put("TIDINGS_HOST", "127.0.0.1");
        settings.put("TIDINGS_KEY", KEY);
        settings.put("TIDINGS_API_KEY", API_KEY);
        // In memory unless a test asks for the embedded database (with a directory of its own); a cluster
        // member's inbox is in its Redis.
        if (!overrides.containsKey("TIDINGS_REDIS_URL")) {
            settings.put("TIDINGS_INBOX", "memory");
        }
        settings.putAll(overrides);
        return settings;
    }

    public int port() {
        return server.port();
    }

    public Tidings tidings() {
        return server.tidings();
    }

    /** Seed 001's text push port, or null when off. */
    public TextPushPort textPush() {
        return server.textPush();
    }

    /** TCP connections the server holds open right now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** Waits (at most {@code limit}) until the server holds at most {@code target} connections; returns the count. */
    public int awaitOpenConnectionsAtMost(int target, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (openConnections() > target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return openConnections();
    }

    /** http://127.0.0.1:port/ */
    public URI http() {
        return server.baseUri();
    }

    /** ws://127.0.0.1:port/ws?uid=&token= with a valid legacy token. */
    public URI wsFor(String uid) {
        return ws("uid=" + uid + "&token=" + LegacyToken.issue(uid, KEY));
    }

    /** ws://127.0.0.1:port/chat?uid=&token= with a valid legacy token: a chat session. */
    public URI chatFor(String uid) {
        return URI.create("ws://127.0.0.1:" + port() + "/chat?uid=" + uid + "&token=" + LegacyToken.issue(uid, KEY));
    }

    /** The chat port (TIDINGS_CHAT_PORT), or 0 when there is none. */
    public int chatPort() {
        return server.chatPort();
    }

    /** ws://127.0.0.1:port/ws?query */
    public URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + port() + "/ws" + (query == null ? "" : "?" + query));
    }

    /** A port nothing listens on right now, for a second listener (TIDINGS_TEXT_PUSH_PORT, TIDINGS_CHAT_PORT). */
    public static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    public static String jwt(String uid, Duration ttl) {
        return new JwtToken(KEY, Clock.systemUTC()).issue(uid, ttl);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
