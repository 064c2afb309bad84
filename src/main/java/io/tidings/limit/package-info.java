/**
 * Rate and size limits against abuse: the {@link io.tidings.limit.TokenBucket} behind per-session event rates
 * and the handshake rate, the {@link io.tidings.limit.ConnectionLimiter} that admits new WebSockets, and the
 * {@link io.tidings.limit.LogLimiter} that keeps log lines clients can cause to a bounded rate.
 */
package io.tidings.limit;
