/**
 * The embedded launcher (Jetty 12) and command-line tools; the only package that knows Jetty, left out of the
 * WAR. Besides the server itself it holds the embedded server's own WebSocket transports, thin adapters over
 * {@link io.tidings.session.ClientSession} like the Jakarta endpoint a WAR uses: the default, direct one
 * ({@link io.tidings.launcher.DirectUpgrade}, {@link io.tidings.launcher.DirectConnection},
 * {@link io.tidings.launcher.DirectSession}: RFC 6455 on Jetty's sockets, frames read on its selector thread,
 * and {@link io.tidings.launcher.DirectPush}, which answers POST /api/push there too) and one on Jetty's WebSocket
 * core ({@link io.tidings.launcher.CoreWebSocket}, {@link io.tidings.launcher.CoreConnection}), which also does
 * permessage-deflate. {@link io.tidings.launcher.SelectorAcceptConnector} sets each accepted socket up on the
 * selector thread, for every transport.
 */
package io.tidings.launcher;
