package io.tidings.config;

import java.time.Duration;

/**
 * All settings, loaded once at startup by {@link ConfigLoader} and never changed. Each is an environment
 * variable (the name below), a system property ({@code tidings.} + the lowercase name with dots, e.g.
 * {@code tidings.heartbeat.idle}) and, in a WAR, a servlet context parameter of the environment name.
 *
 * @param port              TIDINGS_PORT, default 9501: the embedded server's TCP port (0 picks a free one).
 *                          A WAR uses its container's port instead.
 * @param host              TIDINGS_HOST, default 0.0.0.0 (127.0.0.1 in dev mode): the embedded server's bind
 *                          address.
 * @param key               TIDINGS_KEY, required outside dev mode, at least 32 characters: the secret behind
 *                          legacy md5 tokens and HS256 JWTs.
 * @param dev               TIDINGS_DEV, default false: dev mode generates missing keys, prints test URLs and
 *                          enables the test-token endpoint. Never on in production.
 * @param heartbeatIdle     TIDINGS_HEARTBEAT_IDLE, seconds, default 125: a session silent this long is closed
 *                          4005.
 * @param heartbeatInterval TIDINGS_HEARTBEAT_INTERVAL, seconds, default 60: how often the sweeper checks.
 * @param sessionPolicy     TIDINGS_SESSION_POLICY, newest | all, default newest.
 * @param maxFrame          TIDINGS_MAX_FRAME, bytes, default 65536: larger inbound frames close 1009.
 * @param sendQueueBytes    TIDINGS_SEND_QUEUE, bytes, default 1048576: outbound data a session may have
 *                          waiting; beyond it the session is closed 4008 "slow consumer".
 * @param apiKey            TIDINGS_API_KEY, at least 16 characters: bearer key of the backend API under
 *                          /api. Unset (outside dev mode): the API answers 503.
 * @param textPushPort      TIDINGS_TEXT_PUSH_PORT, default 0 (off): the seed 001 line-based push port.
 * @param textPushHost      TIDINGS_TEXT_PUSH_HOST, default 127.0.0.1: its bind address.
 * @param limits            abuse limits: event rate, sessions per uid, connections, handshakes, JSON depth.
 * @param compression       TIDINGS_COMPRESSION, default false: negotiate permessage-deflate when a client
 *                          offers it (browsers do). Off by default: measured, it costs 40% more CPU per alert
 *                          and 170% more per broadcast delivery (each session compresses on its own), for
 *                          notification frames of a few hundred bytes that barely shrink.
 * @param security          allowed origins, legacy tokens on or off, the previous key during a rotation.
 * @param apiLimits         backend API body size and group limits.
 * @param embeddedWebSocket TIDINGS_EMBEDDED_WEBSOCKET, direct | core | jakarta, default direct: the embedded
 *                          server's WebSocket implementation (see {@link EmbeddedWebSocket}); a WAR ignores it.
 */
public record TidingsConfig(
        int port,
        String host,
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
        EmbeddedWebSocket embeddedWebSocket) {

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

    /** True when the backend API has a key and can be used. */
    public boolean apiEnabled() {
        return apiKey != null;
    }

    /** Hides the secrets, so a config logged by mistake leaks nothing. */
    @Override
    public String toString() {
        return "TidingsConfig[port=" + port + ", host=" + host + ", dev=" + dev
                + ", heartbeatIdle=" + heartbeatIdle.toSeconds() + "s, heartbeatInterval="
                + heartbeatInterval.toSeconds() + "s, sessionPolicy=" + sessionPolicy + ", maxFrame=" + maxFrame
                + ", sendQueueBytes=" + sendQueueBytes + ", api=" + (apiEnabled() ? "on" : "off")
                + ", textPushPort=" + textPushPort + ", embeddedWebSocket=" + embeddedWebSocket + ", " + limits + ", " + security + ", " + apiLimits + ", key=***]";
    }
}
