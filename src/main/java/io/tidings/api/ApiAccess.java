package io.tidings.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Who may use the API: a request carrying {@code Authorization: Bearer <TIDINGS_API_KEY>}. Both keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken reveals neither how much of a
 * guess matched nor the key's length.
 */
final class ApiAccess {
    private static final String SCHEME = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"tidings\"");

    private final byte[] keyDigest;

    /** @param apiKey null when the API is disabled */
    ApiAccess(String apiKey) {
        this.keyDigest = apiKey == null ? null : sha256(apiKey);
    }

    /** @param header the request's Authorization header, null when it has none */
    void check(String header) throws ApiException {
        if (keyDigest == null) {
            throw new ApiException(503, "api disabled: set TIDINGS_API_KEY");
        }
        if (header == null || header.isBlank()) {
            throw unauthorized("missing Authorization header: send Authorization: Bearer <TIDINGS_API_KEY>");
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("Authorization must use the Bearer scheme");
        }
        if (!MessageDigest.isEqual(keyDigest, sha256(header.substring(SCHEME.length()).trim()))) {
            throw unauthorized("invalid API key");
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, message, CHALLENGE);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
