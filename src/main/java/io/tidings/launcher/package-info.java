/**
 * The embedded launcher (Jetty 12) and command-line tools; the only package that knows Jetty, left out of the
 * WAR. Besides the server itself it holds the embedded server's default WebSocket transport on Jetty's core
 * ({@link io.tidings.launcher.CoreWebSocket}, {@link io.tidings.launcher.CoreConnection}): a thin adapter over
 * {@link io.tidings.session.ClientSession} like the Jakarta endpoint a WAR uses, without Jetty's Jakarta layer.
 */
package io.tidings.launcher;
