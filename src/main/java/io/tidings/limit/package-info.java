/**
 * Rate and size limits against abuse: the {@link io.tidings.limit.TokenBucket} behind per-session event rates
 * and the handshake rate, the {@link io.tidings.limit.ConnectionLimiter} that admits new WebSockets, and the
 * {@link io.tidings.limit.LogLimiter} that keeps log lines clients can cause to a bounded rate, and the
 * {@link io.tidings.limit.OpenFileLimit} check behind a startup warning.
 */
package io.tidings.limit;
