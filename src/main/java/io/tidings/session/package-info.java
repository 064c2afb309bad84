/**
 * A client session independent of the WebSocket implementation that carries it: its lifecycle
 * ({@link io.tidings.session.ClientSession}: admit, authenticate, register, check and dispatch each frame,
 * release), its one writer and one closer ({@link io.tidings.session.QueuedConnection}), and the checks every
 * transport applies alike (frame size, origin, session ids). The Jakarta endpoint in {@code ws} and the embedded
 * server's Jetty core transport in {@code launcher} are both thin adapters over it.
 */
package io.tidings.session;
