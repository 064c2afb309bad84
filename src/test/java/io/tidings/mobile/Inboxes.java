package io.tidings.mobile;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.CommitObserver;
import io.tidings.inbox.MemoryInbox;
import io.tidings.inbox.sqlite.SqliteInbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Inboxes for mobile push's tests: SQLite ones in directories of their own, all closed at the end, or memory. */
public final class Inboxes implements AutoCloseable {
    private final LongSupplier clock;
    private final List<SqliteInbox> opened = new ArrayList<>();
    private int made;

    public Inboxes(LongSupplier clock) {
        this.clock = clock;
    }

    static InboxSettings settings(InboxSettings.Store store, Path data) {
        return new InboxSettings(store, data, 1000, Duration.ofDays(30), 1L << 30, InboxSettings.Fsync.COMMIT,
                Duration.ofMillis(5), 300);
    }

    /** An inbox in memory on the system clock. */
    static MemoryInbox memory() {
        return new MemoryInbox(settings(InboxSettings.Store.MEMORY, null), Duration.ofMinutes(5),
                System::currentTimeMillis);
    }

    public SqliteInbox open(Path data) {
        SqliteInbox inbox = SqliteInbox.open(settings(InboxSettings.Store.SQLITE, data), Duration.ofMinutes(5), clock,
                CommitObserver.NONE);
        opened.add(inbox);
        return inbox;
    }

    /** A new inbox in a new directory under {@code dir}. */
    public SqliteInbox fresh(Path dir) {
        return open(dir.resolve("store-" + ++made));
    }

    @Override
    public void close() {
        opened.forEach(SqliteInbox::close);
    }
}
