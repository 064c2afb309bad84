/**
 * A client session independent of the WebSocket implementation that carries it: its lifecycle
 * ({@link io.tidings.session.ClientSession}: admit, authenticate, register, check and dispatch each frame,
 * release), its one writer and one closer ({@link io.tidings.session.QueuedConnection}), and what every transport
 * applies alike ({@link io.tidings.session.Sessions}: origins, frame size, session ids, queue size, idle
 * backstop; {@link io.tidings.session.Handshake}: the upgrade test and the peer address). The Jakarta endpoint in
 * {@code ws} and the embedded server's direct transport in {@code launcher.websocket} are thin adapters over it.
 */
package io.tidings.session;
