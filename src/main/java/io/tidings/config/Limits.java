package io.tidings.config;

/**
 * Abuse limits, part of {@link TidingsConfig}. Each is a setting; 0 turns a limit off where noted.
 *
 * @param eventRate                TIDINGS_EVENT_RATE, default 20: inbound events per second a session may
 *                                 send on average; beyond it (and the burst) the session is closed 4009.
 * @param eventBurst               TIDINGS_EVENT_BURST, default 40: events a session may send at once.
 * @param maxSessionsPerUid        TIDINGS_MAX_SESSIONS_PER_UID, default 16: sessions one uid may hold under
 *                                 the "all" policy; a new one beyond it replaces the uid's oldest (4002).
 * @param maxConnections           TIDINGS_MAX_CONNECTIONS, default 100000 (0 = off): open WebSockets in total;
 *                                 beyond it new ones are closed 1013.
 * @param maxConnectionsPerAddress TIDINGS_MAX_CONNECTIONS_PER_ADDRESS, default 0 (off): open WebSockets per
 *                                 remote address; beyond it 1013. Off by default because behind a reverse
 *                                 proxy every client has the proxy's address.
 * @param handshakeRate            TIDINGS_HANDSHAKE_RATE, default 10000 (0 = off): new WebSockets accepted
 *                                 per second (with an equal burst); beyond it 1013 "try again later".
 * @param maxJsonDepth             TIDINGS_MAX_JSON_DEPTH, default 8: nesting depth of an inbound frame; deeper
 *                                 is 4003.
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
