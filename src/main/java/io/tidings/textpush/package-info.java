/**
 * Seed 001's line-based text push port ({@link io.tidings.textpush.TextPushPort}): plain TCP, one JSON line in,
 * the line itself delivered verbatim to the uid it names, "ok" or "fail" back. A transport of its own, started
 * by the embedded launcher and by the WAR initializer when TIDINGS_TEXT_PUSH_PORT is set.
 */
package io.tidings.textpush;
