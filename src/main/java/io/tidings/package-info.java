/**
 * Tidings, an authenticated real-time notification server. {@link io.tidings.Tidings#start} wires one
 * instance; the packages below hold one concern each: {@code config}, {@code auth}, {@code close}, {@code json},
 * {@code hub}, {@code event}, {@code push}, {@code limit}, {@code metrics}, {@code session} (a client session
 * whatever carries it), the edges {@code ws} (the only one that knows Jakarta WebSocket), {@code api} and
 * {@code war} (the only ones that know Servlets), {@code textpush}, and {@code launcher} (the only package tree
 * that knows Jetty, kept out of the WAR).
 */
package io.tidings;
