/**
 * APNs: Apple's HTTP/2 provider API through Pushy, with token (.p8) authentication: one long-lived client per
 * environment of the one team configured, its provider token renewed every {@link
 * io.tidings.mobile.apns.ApnsProvider#TOKEN_TTL} (Apple wants 20 to 60 minutes), and Apple's answers mapped to
 * {@link io.tidings.mobile.Outcome}s by {@link io.tidings.mobile.apns.ApnsAnswers}.
 */
package io.tidings.mobile.apns;
