package io.tidings.config;

/** What a new authenticated session does to the uid's existing ones (TIDINGS_SESSION_POLICY). */
public enum SessionPolicy {
    /** Only the newest session of a uid stays; the previous one is closed 4002 "uid exists" (seed 004). */
    NEWEST,
    /** Every tab and device of a uid stays connected and receives every delivery. */
    ALL
}
