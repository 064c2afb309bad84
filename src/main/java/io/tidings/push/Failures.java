package io.tidings.push;

import io.tidings.inbox.InboxUnavailable;
import java.util.concurrent.CompletionException;

/** What a failed delivery may tell its sender: the store's public reason, never a path or an exception text. */
public final class Failures {
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private Failures() {
    }

    /** The cause behind a future's wrapping. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** "inbox unavailable: disk full" and the like; anything unexpected is logged and told as "internal error". */
    public static String publicReason(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof InboxUnavailable unavailable) {
            return unavailable.publicReason();
        }
        if (cause instanceof TooLargeToStore tooLarge) {
            return tooLarge.getMessage();
        }
        LOG.log(System.Logger.Level.ERROR, "delivery failed", cause);
        return "internal error";
    }
}
