package io.tidings.auth;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What a uid may look like: 1 to 64 characters of letters, digits and {@code _ . : @ -}. Numeric uids (the
 * seeds' way) fit; so do most application user ids. Keeping uids this plain means they are safe in logs,
 * metrics labels and URLs without escaping.
 */
public final class UidFormat {
    /** For error messages: the rule in words. */
    public static final String RULE = "1 to 64 characters from A-Z a-z 0-9 _ . : @ -";

    private static final int MAX_LENGTH = 64;

    private UidFormat() {
    }

    /** The rule above, checked character by character: every alert checks one, so no regex matcher per call. */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == ':' || c == '@' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * The uid a JSON value names, or null when it names none. The seeds send uids as numbers, so a JSON string
     * and a whole number (no fraction, no exponent) are both accepted: {@code 7} and {@code "7"} are the same uid.
     * Every JSON entry point (alertTip's toUid, the backend API, the text push port) uses this one rule.
     */
    public static String fromJson(JsonValue value) {
        String uid = null;
        if (value instanceof JsonString string) {
            uid = string.getString();
        } else if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().precision() <= MAX_LENGTH) {
            // precision first: turning a huge number into text would cost more than the request is worth
            uid = number.bigIntegerValue().toString();
        }
        return isValid(uid) ? uid : null;
    }
}
