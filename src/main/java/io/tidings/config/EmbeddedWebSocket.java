package io.tidings.config;

/**
 * Which WebSocket implementation the embedded server speaks through (TIDINGS_EMBEDDED_WEBSOCKET). A WAR always
 * uses its container's Jakarta WebSocket; the wire protocol is the same either way.
 */
public enum EmbeddedWebSocket {
    /**
     * Tidings' own RFC 6455 connection on Jetty's sockets, with Jetty's frame parser: frames are read and handled
     * on Jetty's selector thread, without a hand-off to a pool thread per frame. No extension is negotiated, so
     * with TIDINGS_COMPRESSION on the embedded server uses {@link #CORE} instead.
     */
    DIRECT,
    /**
     * Jetty's own WebSocket core, beneath its Jakarta layer, with permessage-deflate when TIDINGS_COMPRESSION is
     * on: no per-session decoder and encoder registries, no servlet upgrade path. Measured (README, Performance)
     * it costs a fraction of Jakarta's memory per session and less CPU per connect and per message.
     */
    CORE,
    /** Jakarta WebSocket on Jetty, exactly as a WAR runs: for comparing, or to rule the embedded transport out. */
    JAKARTA
}
