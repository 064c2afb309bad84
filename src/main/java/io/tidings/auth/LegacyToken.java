package io.tidings.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Seed 004's token: lowercase hex md5( hex md5(uid) + key ). Kept for wire compatibility with existing
 * backends; it never expires and md5 is weak, so prefer JWTs (README, "Tokens").
 */
public final class LegacyToken {
    private LegacyToken() {
    }

    public static String issue(String uid, String key) {
        return DigestUtils.md5Hex(DigestUtils.md5Hex(uid) + key);
    }

    /** Constant-time comparison: how much of a guess matched must not show in the answer's timing. */
    public static boolean matches(String uid, String presented, String key) {
        byte[] expected = issue(uid, key).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
