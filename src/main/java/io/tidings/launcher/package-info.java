/**
 * The embedded launcher (Jetty 12) and command-line tools. The only package that knows Jetty; it is left out of
 * the WAR.
 */
package io.tidings.launcher;
