package io.tidings.mobile;

import java.time.Duration;

/** How long a store keeps the jobs that ran out of attempts (for the operator to look at), and how many. */
public final class DeadLetters {
    public static final Duration KEEP = Duration.ofDays(7);
    public static final int MAX = 10_000;

    private DeadLetters() {
    }
}
