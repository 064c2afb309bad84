/**
 * The only package that knows Jakarta WebSocket, used by every WAR deployment: the thin
 * {@link io.tidings.ws.TidingsEndpoint} over a {@link io.tidings.session.ClientSession}, the connection that
 * sends through the container's async remote, the endpoint registration (origin check, compression choice,
 * container limits), and the handshake for the context root that Tomcat's mapping misses.
 */
package io.tidings.ws;
