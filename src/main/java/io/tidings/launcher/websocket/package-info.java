/**
 * The embedded server's WebSocket transport (the default, "direct"): RFC 6455 on Jetty's sockets, written for
 * Tidings. {@link io.tidings.launcher.websocket.WebSocketUpgrade} answers the handshake on Jetty's selector thread,
 * {@link io.tidings.launcher.websocket.FrameReader} reads and parses frames there (with Jetty's frame parser) and
 * hands whole messages to the {@link io.tidings.session.ClientSession},
 * {@link io.tidings.launcher.websocket.FrameWriter} frames what the session's one writer hands it and does this
 * side of the close handshake, bounded in time by {@link io.tidings.launcher.websocket.CloseGrace}; a new
 * session's 101 may wait in its {@link io.tidings.launcher.websocket.HandshakeEndPoint} to leave with its welcome. Jetty's
 * {@code websocket.core.internal} Parser and Generator are the only internal classes used; a test pins what
 * Tidings relies on of them.
 */
package io.tidings.launcher.websocket;
