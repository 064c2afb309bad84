package io.tidings.auth;

import java.util.regex.Pattern;

/**
 * What a uid may look like: 1 to 64 characters of letters, digits and {@code _ . : @ -}. Numeric uids (the
 * seeds' way) fit; so do most application user ids. Keeping uids this plain means they are safe in logs,
 * metrics labels and URLs without escaping.
 */
public final class UidFormat {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    private UidFormat() {
    }

    public static boolean isValid(String uid) {
        return uid != null && VALID.matcher(uid).matches();
    }
}
