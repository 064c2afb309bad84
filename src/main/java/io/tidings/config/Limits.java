package io.tidings.config;

/**
 * Abuse limits, part of {@link TidingsConfig}; 0 turns a limit off where README.md says so.
 *
 * @param eventRate                TIDINGS_EVENT_RATE: inbound events per second a session may send on average;
 *                                 beyond it (and the burst) the session is closed 4009.
 * @param eventBurst               TIDINGS_EVENT_BURST: events a session may send at once.
 * @param maxSessionsPerUid        TIDINGS_MAX_SESSIONS_PER_UID: sessions one uid may hold under the "all" policy;
 *                                 a new one beyond it replaces the uid's oldest (4002).
 * @param maxConnections           TIDINGS_MAX_CONNECTIONS: open WebSockets in total; beyond it 1013.
 * @param maxConnectionsPerAddress TIDINGS_MAX_CONNECTIONS_PER_ADDRESS: open WebSockets per remote address; off
 *                                 by default because behind a reverse proxy every client has the proxy's address.
 * @param handshakeRate            TIDINGS_HANDSHAKE_RATE: new WebSockets accepted per second (with an equal
 *                                 burst); beyond it 1013 "try again later".
 * @param maxJsonDepth             TIDINGS_MAX_JSON_DEPTH: nesting depth of an inbound frame; deeper is 4003.
 */
public record Limits(
        int eventRate,
        int eventBurst,
        int maxSessionsPerUid,
        int maxConnections,
        int maxConnectionsPerAddress,
        int handshakeRate,
        int maxJsonDepth) {
}
