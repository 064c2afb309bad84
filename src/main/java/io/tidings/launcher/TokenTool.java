package io.tidings.launcher;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.auth.UidFormat;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code scripts/token UID [--jwt [--ttl SECONDS]]}: prints a token for a uid, signed with TIDINGS_KEY (env or
 * -Dtidings.key). Legacy md5 by default; a JWT (default ttl 3600 s) with --jwt.
 */
public final class TokenTool {
    private TokenTool() {
    }

    public static void main(String[] args) {
        String key = firstNonBlank(System.getProperty("tidings.key"), System.getenv("TIDINGS_KEY"));
        String uid = null;
        boolean jwt = false;
        long ttl = 3600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jwt" -> jwt = true;
                case "--ttl" -> ttl = i + 1 < args.length ? parseTtl(args[++i]) : fail("--ttl needs a number of seconds");
                default -> uid = args[i];
            }
        }
        if (key == null) {
            fail("TIDINGS_KEY is not set: export the key the server uses");
        }
        if (!UidFormat.isValid(uid)) {
            fail("usage: scripts/token UID [--jwt [--ttl SECONDS]]  (uid: 1-64 of A-Z a-z 0-9 _ . : @ -)");
        }
        System.out.println(jwt ? new JwtToken(key, Clock.systemUTC()).issue(uid, Duration.ofSeconds(ttl))
                : LegacyToken.issue(uid, key));
    }

    private static long parseTtl(String text) {
        try {
            long seconds = Long.parseLong(text);
            return seconds > 0 ? seconds : fail("--ttl must be positive");
        } catch (NumberFormatException e) {
            return fail("--ttl must be a number of seconds, not '" + text + "'");
        }
    }

    private static int fail(String message) {
        System.err.println("token: " + message);
        System.exit(2);
        return 0;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }
}
