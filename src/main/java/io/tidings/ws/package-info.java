/**
 * The only package that knows Jakarta WebSocket: the thin {@link io.tidings.ws.TidingsEndpoint}, the
 * connection that is each session's one writer and one closer, and the endpoint registration.
 */
package io.tidings.ws;
