package io.tidings.config;

/**
 * Which WebSocket implementation the embedded server speaks through (TIDINGS_EMBEDDED_WEBSOCKET). A WAR always
 * uses its container's Jakarta WebSocket; the wire protocol is the same either way.
 */
public enum EmbeddedWebSocket {
    /**
     * Jetty's own WebSocket core, beneath its Jakarta layer: no per-session decoder and encoder registries, no
     * servlet upgrade path, one UTF-8 encoding of a frame however many sessions it goes to. Measured (README,
     * Performance) it costs a fraction of the memory per session and of the CPU per connect and per message.
     */
    CORE,
    /** Jakarta WebSocket on Jetty, exactly as a WAR runs: for comparing, or to rule the embedded transport out. */
    JAKARTA
}
