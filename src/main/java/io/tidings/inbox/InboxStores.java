package io.tidings.inbox;

import io.tidings.config.ConfigException;
import io.tidings.config.InboxSettings;
import io.tidings.inbox.sqlite.SqliteInbox;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/** Opens the store TIDINGS_INBOX names: the one place that knows which implementation each setting means. */
public final class InboxStores {
    private InboxStores() {
    }

    /**
     * The store, opened; null when TIDINGS_INBOX=off. One that cannot open (no directory for SQLite, a directory
     * that cannot be used, a file that is not an inbox) stops startup with a {@link ConfigException} naming it.
     *
     * @param keyWindow how long a stored push's idempotency key is remembered
     * @param clock     epoch milliseconds
     */
    public static InboxStore open(InboxSettings settings, Duration keyWindow, LongSupplier clock,
            CommitObserver observer) {
        return switch (settings.store()) {
            case OFF -> null;
            case REDIS -> throw new IllegalStateException("the Redis inbox belongs to a cluster (Tidings.start opens it)");
            case MEMORY -> new MemoryInbox(settings, keyWindow, clock);
            case SQLITE -> {
                if (settings.dataDir() == null) {
                    throw new ConfigException(List.of("TIDINGS_DATA_DIR is required with TIDINGS_INBOX=sqlite (the"
                            + " default): a directory for the inbox that survives restarts; or set TIDINGS_INBOX"
                            + " to memory or off"));
                }
                try {
                    yield SqliteInbox.open(settings, keyWindow, clock, observer);
                } catch (InboxUnavailable e) {
                    throw new ConfigException(List.of(e.getMessage()));
                }
            }
        };
    }
}
