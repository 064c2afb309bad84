/**
 * The embedded launcher (Jetty 12) and command-line tools, left out of the WAR; with
 * {@code launcher.websocket} the only package tree that knows Jetty. {@link io.tidings.launcher.Main} reads the
 * shared settings and the launcher's own ({@link io.tidings.launcher.ServerSettings}) and starts an
 * {@link io.tidings.launcher.EmbeddedServer}: Tidings, its text push port, a servlet context with the same
 * initializer a WAR runs, and in front of it {@link io.tidings.launcher.SelectorFront}, which answers WebSocket
 * upgrades and small pushes ({@link io.tidings.launcher.SelectorPush}) on Jetty's selector thread.
 * {@link io.tidings.launcher.SelectorAcceptConnector} sets each accepted socket up on that thread too.
 */
package io.tidings.launcher;
