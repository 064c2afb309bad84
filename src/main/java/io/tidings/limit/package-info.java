/**
 * Rate and size limits against abuse: the {@link io.tidings.limit.TokenBucket} behind per-session event rates
 * and the handshake rate, and the {@link io.tidings.limit.ConnectionLimiter} that admits new WebSockets.
 */
package io.tidings.limit;
