package io.tidings.config;

import java.time.Duration;

/**
 * The settings every Tidings shares, embedded or in a WAR, loaded once at startup by {@link ConfigLoader} and
 * never changed. Each is an environment variable (the name below), a system property ({@code tidings.} + the
 * lowercase name with dots) and, in a WAR, a servlet context parameter of the environment name. Defaults live
 * in {@link ConfigLoader} and are documented in README.md, "Configuration" (a test keeps the two the same); the
 * embedded launcher's own settings (port, host, transport, request log) are its own.
 *
 * @param key               TIDINGS_KEY: the secret behind legacy md5 tokens and HS256 JWTs.
 * @param dev               TIDINGS_DEV: generates missing keys, prints test URLs, enables the test-token endpoint.
 * @param heartbeatIdle     TIDINGS_HEARTBEAT_IDLE: a session silent this long is closed 4005.
 * @param heartbeatInterval TIDINGS_HEARTBEAT_INTERVAL: how often the sweeper checks.
 * @param sessionPolicy     TIDINGS_SESSION_POLICY.
 * @param maxFrame          TIDINGS_MAX_FRAME, bytes: larger inbound messages close 1009.
 * @param sendQueueBytes    TIDINGS_SEND_QUEUE, bytes: outbound data a session may have waiting (else 4008).
 * @param apiKey            TIDINGS_API_KEY: bearer key of the backend API; null turns the API off (503).
 * @param textPushPort      TIDINGS_TEXT_PUSH_PORT: seed 001's line-based push port, 0 for off.
 * @param textPushHost      TIDINGS_TEXT_PUSH_HOST: its bind address.
 * @param limits            abuse limits: event rate, sessions per uid, connections, handshakes, JSON depth.
 * @param security          allowed origins, legacy tokens on or off, the previous key during a rotation.
 * @param apiLimits         backend API body size and group limits.
 * @param compression       TIDINGS_COMPRESSION: negotiate permessage-deflate when a client offers it.
 * @param inbox             the durable inbox: its store, directory, retention and fsync policy.
 * @param push              mobile push: its providers (none means off), collapsing, retries and texts.
 * @param chat              the chat rooms: access, history, ping, time zone.
 * @param cluster           cluster mode (TIDINGS_REDIS_URL and its companions), or null on a single node.
 */
public record TidingsConfig(
        String key,
        boolean dev,
        Duration heartbeatIdle,
        Duration heartbeatInterval,
        SessionPolicy sessionPolicy,
        int maxFrame,
        int sendQueueBytes,
        String apiKey,
        int textPushPort,
        String textPushHost,
        Limits limits,
        Security security,
        ApiLimits apiLimits,
        boolean compression,
        InboxSettings inbox,
        PushSettings push,
        ChatSettings chat,
        ClusterSettings cluster) {

    /**
     * How long the JWTs dev mode hands out live: the page links the launcher prints and GET /dev/token's. A working
     * day, so a link from the morning still opens in the afternoon (the dev keys outlive a restart too).
     */
    public static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);

    /**
     * The WebSocket implementation's own idle timeout, twice (TIDINGS_HEARTBEAT_IDLE + TIDINGS_HEARTBEAT_INTERVAL):
     * only a backstop, since the heartbeat sweeper closes a silent session (4005) long before it.
     */
    public Duration idleBackstop() {
        return heartbeatIdle.plus(heartbeatInterval).multipliedBy(2);
    }

    /**
     * Whether a WebSocket extension a client offers may be negotiated: permessage-deflate when TIDINGS_COMPRESSION
     * is on, and nothing else ever (Jetty's "fragment", for one, would let a client have every frame sent to it in
     * 1-byte pieces).
     */
    public boolean negotiates(String extension) {
        return compression && "permessage-deflate".equals(extension);
    }

    /** This configuration with other cluster settings (the launcher names the node after its port). */
    public TidingsConfig withCluster(ClusterSettings settings) {
        return new TidingsConfig(key, dev, heartbeatIdle, heartbeatInterval, sessionPolicy, maxFrame, sendQueueBytes,
                apiKey, textPushPort, textPushHost, limits, security, apiLimits, compression, inbox, push, chat, settings);
    }

    /** True when this node is a cluster member (TIDINGS_REDIS_URL is set). */
    public boolean clustered() {
        return cluster != null;
    }

    /** True when the backend API has a key and can be used. */
    public boolean apiEnabled() {
        return apiKey != null;
    }

    /** Hides the secrets, so a config logged by mistake leaks nothing. */
    @Override
    public String toString() {
        return "TidingsConfig[dev=" + dev + ", heartbeatIdle=" + heartbeatIdle.toSeconds() + "s, heartbeatInterval="
                + heartbeatInterval.toSeconds() + "s, sessionPolicy=" + sessionPolicy + ", maxFrame=" + maxFrame
                + ", sendQueueBytes=" + sendQueueBytes + ", api=" + (apiEnabled() ? "on" : "off")
                + ", textPushPort=" + textPushPort + ", compression=" + compression + ", " + inbox + ", " + push + ", "
                + chat + ", " + limits + ", " + security + ", " + apiLimits + ", cluster=" + cluster + ", key=***]";
    }
}
