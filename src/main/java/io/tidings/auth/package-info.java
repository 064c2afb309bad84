/**
 * Who a client is: the {@link io.tidings.auth.Authenticator} over legacy md5 tokens (seed 004) and HS256 JWTs,
 * with constant-time comparisons and no secret ever in a message or log.
 */
package io.tidings.auth;
