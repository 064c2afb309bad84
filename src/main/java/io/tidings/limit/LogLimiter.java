package io.tidings.limit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A log line that clients can cause, let through at most once per period, the others counted and reported with
 * the next one that goes through: a hostile client (or a file-descriptor shortage) must not fill the log, nor
 * cost a stack trace per event.
 */
public final class LogLimiter {
    private final System.Logger log;
    private final long periodNanos;
    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public LogLimiter(System.Logger log, java.time.Duration period) {
        this.log = log;
        this.periodNanos = period.toNanos();
    }

    /** Logs the message unless one went through less than a period ago; the message is built only when logged. */
    public void log(System.Logger.Level level, Supplier<String> message) {
        long now = System.nanoTime();
        long due = nextAllowed.get();
        if (now - due < 0 || !nextAllowed.compareAndSet(due, now + periodNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        log.log(level, skipped == 0 ? message.get() : message.get() + " (and " + skipped + " more like it since the"
                + " last one logged)");
    }
}
