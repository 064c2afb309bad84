package io.tidings.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs something outside the JVM (a browser, redis-server, root for a small file system) says so
 * here. On a developer's machine without it the test is skipped, with the hint how to get it; in CI (.ci/run
 * exports TIDINGS_CI=1, having installed everything) a missing component fails the test instead, so nothing is
 * silently left untested there.
 */
public final class Needs {
    private Needs() {
    }

    public static boolean inCi() {
        return "1".equals(System.getenv("TIDINGS_CI"));
    }

    /** Skips (locally) or fails (in CI) unless {@code available}; {@code hint} says how to get what is missing. */
    public static void require(boolean available, String what, String hint) {
        if (available) {
            return;
        }
        String message = what + " is not available here: " + hint;
        if (inCi()) {
            throw new AssertionError(message + " (.ci/run installs it; in CI a missing component fails the test)");
        }
        Assumptions.abort(message);
    }
}
