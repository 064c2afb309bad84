package io.tidings.inbox.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.tidings.inbox.InboxUnavailable;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed Redis command means to a sender: the store is unavailable, with a reason that names no host, key
 * or detail ("redis unavailable", "redis out of memory", "redis read-only"). Unexpected replies are logged.
 */
public final class RedisFailures {
    private static final System.Logger LOG = System.getLogger(RedisFailures.class.getName());

    private RedisFailures() {
    }

    /** The failure as {@link InboxUnavailable} (itself when it is one already). */
    public static InboxUnavailable unavailable(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InboxUnavailable unavailable) {
            return unavailable;
        }
        String text = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof RedisCommandTimeoutException || cause instanceof RedisConnectionException
                || cause instanceof IOException || cause instanceof TimeoutException
                || text.startsWith("Currently not connected")
                || text.startsWith("Connection closed") || text.contains("Connection reset")
                || text.startsWith("LOADING") || text.startsWith("MASTERDOWN") || text.startsWith("CLUSTERDOWN")
                || text.startsWith("TRYAGAIN")) {
            return new InboxUnavailable("redis unavailable", "redis unavailable: " + text, cause);
        }
        if (text.startsWith("OOM")) {
            return new InboxUnavailable("redis out of memory", "redis refused a write: " + text, cause);
        }
        if (text.startsWith("READONLY")) {
            return new InboxUnavailable("redis read-only", "redis is a replica now: " + text, cause);
        }
        if (!(cause instanceof RedisException)) {
            LOG.log(System.Logger.Level.WARNING, "unexpected failure of a redis command", cause);
        } else {
            LOG.log(System.Logger.Level.WARNING, "redis answered an error: " + text);
        }
        return new InboxUnavailable("redis error", "redis error: " + text, cause);
    }

    /** Throws the failure as {@link InboxUnavailable}: for a future's exceptionally. */
    public static <T> T rethrow(Throwable failure) {
        throw unavailable(failure);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
