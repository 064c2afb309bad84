/**
 * FCM: Firebase Cloud Messaging's HTTP v1 API with a service account, on the JDK's HTTP client (no SDK): the
 * OAuth token is fetched with an RS256 assertion signed by nimbus-jose-jwt ({@link
 * io.tidings.mobile.fcm.AccessTokens}, cached about an hour), and Google's answers are mapped to
 * {@link io.tidings.mobile.Outcome}s by {@link io.tidings.mobile.fcm.FcmAnswers}.
 */
package io.tidings.mobile.fcm;
