/**
 * Servlet-container integration: the {@link io.tidings.war.TidingsInitializer} that any Servlet 6 container
 * (or the embedded launcher) runs to start Tidings, register the API and the WebSocket endpoint.
 */
package io.tidings.war;
