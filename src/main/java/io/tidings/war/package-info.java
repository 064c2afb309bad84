/**
 * Servlet-container integration: the {@link io.tidings.war.TidingsInitializer} that any Servlet 6 container
 * (or the embedded launcher) runs to start Tidings, register the API and the WebSocket endpoint, and the
 * filter that checks a WebSocket handshake's key and keeps upgrades at the context root from being served the
 * welcome page.
 */
package io.tidings.war;
