/**
 * Tidings, an authenticated real-time notification server. {@link io.tidings.Tidings#start} wires one
 * instance; the packages below hold one concern each: {@code config}, {@code auth}, {@code close}, {@code hub},
 * {@code event}, {@code push}, {@code metrics}, {@code ws} (the only one that knows Jakarta WebSocket),
 * {@code api} and {@code war} (the only ones that know Servlets) and {@code launcher} (the only one that knows
 * Jetty, kept out of the WAR).
 */
package io.tidings;
