package io.tidings.mobile.sqlite;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.CommitObserver;
import io.tidings.inbox.sqlite.SqliteInbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** SQLite inboxes for the push tables' tests, each in a directory of its own, all closed at the end. */
final class Inboxes implements AutoCloseable {
    private final LongSupplier clock;
    private final List<SqliteInbox> opened = new ArrayList<>();
    private int made;

    Inboxes(LongSupplier clock) {
        this.clock = clock;
    }

    SqliteInbox open(Path data) {
        SqliteInbox inbox = SqliteInbox.open(new InboxSettings(InboxSettings.Store.SQLITE, data, 1000,
                Duration.ofDays(30), 1L << 30, InboxSettings.Fsync.COMMIT, 300), Duration.ofMinutes(5), clock,
                CommitObserver.NONE);
        opened.add(inbox);
        return inbox;
    }

    /** A new inbox in a new directory under {@code dir}. */
    SqliteInbox fresh(Path dir) {
        return open(dir.resolve("store-" + ++made));
    }

    @Override
    public void close() {
        opened.forEach(SqliteInbox::close);
    }
}
