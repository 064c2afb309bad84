/**
 * The only package that knows Jakarta WebSocket: the thin {@link io.tidings.ws.TidingsEndpoint}, the
 * connection that is each session's one writer and one closer, the endpoint registration, the frame-size
 * check every container applies alike, and the handshake for the context root that Tomcat's mapping misses.
 */
package io.tidings.ws;
