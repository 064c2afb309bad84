package io.tidings.launcher;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.auth.UidFormat;
import io.tidings.config.ConfigLoader;
import io.tidings.config.DevKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code scripts/token UID [--jwt [--ttl SECONDS]]}: prints a token for a uid, signed with TIDINGS_KEY (env or
 * -Dtidings.key), or, when that is unset, with the key dev mode keeps ({@link DevKeys}), which it says. Legacy
 * md5 by default; a JWT (default ttl 3600 s) with --jwt. A key the server would refuse is refused here too.
 */
public final class TokenTool {
    static final String USAGE = """
            usage: scripts/token [--jwt [--ttl SECONDS]] [--] UID
            Prints a token for UID (1-64 of A-Z a-z 0-9 _ . : @ -), signed with TIDINGS_KEY: a legacy md5 token,
            or with --jwt an HS256 JWT that expires after --ttl seconds (default 3600).
            Without TIDINGS_KEY it signs with the key scripts/run keeps in dev mode, if there is one.""";

    private TokenTool() {
    }

    public static void main(String[] args) {
        String uid = null;
        boolean jwt = false;
        long ttl = 3600;
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (options && (arg.equals("--help") || arg.equals("-h"))) {
                System.out.println(USAGE);
                return;
            } else if (options && arg.equals("--")) {
                options = false;
            } else if (options && arg.equals("--jwt")) {
                jwt = true;
            } else if (options && arg.equals("--ttl")) {
                ttl = i + 1 < args.length ? parseTtl(args[++i]) : fail("--ttl needs a number of seconds");
            } else if (options && arg.startsWith("--")) {
                fail("unknown option " + arg + "\n" + USAGE);
            } else if (uid == null) {
                uid = arg;
            } else {
                fail("one uid only, not '" + uid + "' and '" + arg + "'\n" + USAGE);
            }
        }
        if (!UidFormat.isValid(uid)) {
            fail(USAGE);
        }
        String key = key();
        System.out.println(jwt ? new JwtToken(key, Clock.systemUTC()).issue(uid, Duration.ofSeconds(ttl))
                : LegacyToken.issue(uid, key));
    }

    /** TIDINGS_KEY, held to the server's rule; else dev mode's kept key; else a message saying what to do. */
    private static String key() {
        String key = firstNonBlank(System.getProperty("tidings.key"), System.getenv("TIDINGS_KEY"));
        if (key != null) {
            if (key.length() < ConfigLoader.MIN_KEY_LENGTH) {
                fail("TIDINGS_KEY must be at least " + ConfigLoader.MIN_KEY_LENGTH + " characters long, as the server"
                        + " requires (it has " + key.length() + "): a token signed with it would never be accepted");
            }
            return key;
        }
        DevKeys devKeys = DevKeys.ofUser(System::getenv);
        Optional<String> dev = devKeys.existing("TIDINGS_KEY", ConfigLoader.MIN_KEY_LENGTH);
        if (dev.isEmpty()) {
            fail("TIDINGS_KEY is not set: export the key the server uses (in dev mode, run scripts/run once: it"
                    + " keeps its key in " + devKeys.directory() + ")");
        }
        System.err.println("token: TIDINGS_KEY is not set: signing with the dev-mode key kept in "
                + devKeys.directory());
        return dev.get();
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
