package io.tidings.close;

/**
 * The one way code asks for a connection to be closed: throw this with a {@link CloseReason}. The WebSocket
 * layer catches it in one place and turns it into the close frame. Carries no stack trace: it is control flow
 * on the hot path, not a fault.
 */
public final class CloseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CloseReason reason;

    public CloseException(CloseReason reason) {
        super(reason.code() + " " + reason.text(), null, false, false);
        this.reason = reason;
    }

    public CloseReason reason() {
        return reason;
    }
}
