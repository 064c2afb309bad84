package io.tidings.push;

/**
 * A push whose copies for its stream would take more than {@link #MAX_CHARS} characters in all (a uids push of
 * a large frame to many uids): refused before anything is stored, as the API's 413. Sent as live-only
 * ("store":false) or split, it is delivered.
 */
public final class TooLargeToStore extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** 16 Mi characters: the most one push may store, summed over its recipients' streams. */
    public static final long MAX_CHARS = 16L << 20;

    TooLargeToStore(int streams, long chars) {
        super("a stored push to " + streams + " uids would store " + chars + " characters, more than "
                + MAX_CHARS + ": send fewer uids, a smaller frame, or \"store\":false", null, false, false);
    }
}
