/**
 * Live sessions: the {@link io.tidings.hub.LiveSession} seam, the {@link io.tidings.hub.Hub} registry that
 * enforces the session policy atomically per uid, and the single {@link io.tidings.hub.HeartbeatSweeper}.
 */
package io.tidings.hub;
