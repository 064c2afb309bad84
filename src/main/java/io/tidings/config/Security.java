package io.tidings.config;

import java.time.Instant;
import java.util.List;

/**
 * Who may connect and with what, part of {@link TidingsConfig}.
 *
 * @param allowedOrigins   TIDINGS_ALLOWED_ORIGINS, comma-separated, e.g. {@code https://app.example.com}; an
 *                         entry may end in {@code :*} for any port. Browsers from other origins get HTTP 403
 *                         at the handshake; clients that send no Origin (backends, apps) are not affected.
 *                         Empty allows any origin (tokens are still required; a warning is logged).
 * @param legacyTokens     TIDINGS_LEGACY_TOKENS: accept seed 004's md5 tokens.
 * @param previousKey      TIDINGS_PREVIOUS_KEY: during a key rotation, the old key, still accepted until
 *                         {@code previousKeyUntil}. Null when not rotating.
 * @param previousKeyUntil TIDINGS_PREVIOUS_KEY_UNTIL, an ISO-8601 instant (e.g. 2026-12-01T00:00:00Z):
 *                         required with TIDINGS_PREVIOUS_KEY.
 */
public record Security(
        List<String> allowedOrigins,
        boolean legacyTokens,
        String previousKey,
        Instant previousKeyUntil) {

    public Security {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Origins dev mode allows when none are configured. */
    public static final List<String> DEV_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "https://localhost:*", "https://127.0.0.1:*", "http://[::1]:*");

    @Override
    public String toString() {
        return "Security[allowedOrigins=" + allowedOrigins + ", legacyTokens=" + legacyTokens
                + ", previousKey=" + (previousKey == null ? "none" : "*** until " + previousKeyUntil) + "]";
    }
}
