package io.tidings.inbox;

/**
 * The store could not do what was asked (disk full, the file unreadable, overloaded, closed): nothing of the
 * request was stored. Callers answer it as a refusal (API 503, an ack saying not stored), never silently.
 */
public final class InboxUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String publicReason;

    /** @param publicReason what a client may be told: no path, no detail of the server ("disk full") */
    public InboxUnavailable(String publicReason, String message) {
        super(message);
        this.publicReason = publicReason;
    }

    public InboxUnavailable(String publicReason, String message, Throwable cause) {
        super(message, cause);
        this.publicReason = publicReason;
    }

    /** "inbox unavailable: " and the reason, for an API answer or an ack. */
    public String publicReason() {
        return "inbox unavailable: " + publicReason;
    }
}
