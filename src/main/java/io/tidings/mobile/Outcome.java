package io.tidings.mobile;

/**
 * What a provider answered for one notification, as the pump acts on it. Every provider maps its answers here
 * (mobile.apns, mobile.fcm); the label is the metric's outcome.
 *
 * @param reason     the provider's word for it ("BadDeviceToken", "UNREGISTERED", "timeout"), for the log
 * @param goneSince  GONE: epoch ms since when the token is invalid (a registration after it survives)
 * @param retryAfter RETRY: the least wait the provider asked for in ms (Retry-After), 0 when it said none
 */
public record Outcome(Kind kind, String reason, long goneSince, long retryAfter) {
    public enum Kind {
        /** Taken by the provider: done. */
        ACCEPTED("accepted"),
        /** The token is no longer valid (uninstalled, another app's, a bad token): the device is removed. */
        GONE("gone"),
        /** The provider refuses this push for good (payload, topic): dead-lettered at once. */
        REJECTED("rejected"),
        /** Try again later: 429, 5xx, a dropped connection, a timeout. */
        RETRY("retry"),
        /** The provider refused our credentials (403): every push to it pauses, none is lost or counted. */
        AUTH("auth_error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Outcome accepted() {
        return new Outcome(Kind.ACCEPTED, "accepted", 0, 0);
    }

    public static Outcome gone(String reason, long since) {
        return new Outcome(Kind.GONE, reason, since, 0);
    }

    public static Outcome rejected(String reason) {
        return new Outcome(Kind.REJECTED, reason, 0, 0);
    }

    public static Outcome retry(String reason, long retryAfterMillis) {
        return new Outcome(Kind.RETRY, reason, 0, retryAfterMillis);
    }

    public static Outcome auth(String reason) {
        return new Outcome(Kind.AUTH, reason, 0, 0);
    }
}
