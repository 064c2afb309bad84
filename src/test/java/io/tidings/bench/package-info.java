/**
 * The load tool behind {@code scripts/bench} (test scope: never in the WAR). {@link io.tidings.bench.Bench} starts
 * the server as a process of its own through scripts/run, drives it with a WebSocket client of its own (plain NIO
 * sockets, a few hundred bytes per session, bound to 127.0.0.x source addresses) and the push API, and reads the
 * server's CPU and memory from /proc. Each mode is a {@link io.tidings.bench.Mode}.
 */
package io.tidings.bench;
