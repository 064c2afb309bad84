package io.tidings.mobile;

import io.tidings.config.PushSettings;

/**
 * A registered device: an app install's push token, for one uid. A token belongs to one uid at a time (a phone
 * that signs in as someone else moves to them).
 *
 * @param topic        APNs: the app's bundle id the token belongs to; null for FCM
 * @param env          APNs: which of Apple's environments issued the token; null for FCM
 * @param registeredAt epoch ms of the latest registration (a provider's "gone since" older than it is stale)
 */
public record Device(String uid, Platform platform, String token, String topic, PushSettings.Env env,
        long registeredAt) {
}
