/**
 * Mobile push: what no live session received reaches the user's phone, through APNs ({@code mobile.apns}) and FCM
 * ({@code mobile.fcm}). {@link io.tidings.mobile.MobilePush} makes a job from each stored message the broker says
 * no session took ({@link io.tidings.push.AfterPublish}); jobs and the device registry live beside the inbox
 * ({@link io.tidings.mobile.JobStore}, {@link io.tidings.mobile.DeviceStore}: in its SQLite file through
 * {@code mobile.sqlite}, in memory, or in a cluster's Redis through {@code mobile.redis}); the
 * {@link io.tidings.mobile.Pump} sends them on threads of its own, so no provider ever slows a WebSocket. Design: src/site/markdown/mobile-push.md.
 */
package io.tidings.mobile;
