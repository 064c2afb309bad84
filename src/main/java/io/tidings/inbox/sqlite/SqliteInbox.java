package io.tidings.inbox.sqlite;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.CommitObserver;
import io.tidings.inbox.InboxStats;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.inbox.StoredMessage;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The embedded inbox: one SQLite file in TIDINGS_DATA_DIR, in WAL mode, written by one thread with group commit
 * ({@link CommitLoop}) and read by a few pooled connections at once (readers never wait for the writer).
 */
public final class SqliteInbox implements InboxStore {
    private static final int READERS = 2;

    private final Database database;
    private final CommitLoop loop;
    private final Thread writer;
    private final Connection writerConnection;
    private final BlockingQueue<Reads> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Reads> allReaders = new ArrayList<>(READERS);
    private volatile InboxStats stats = new InboxStats(0, 0);

    /** Opening failed in SQLite: the database is kept to say which file. */
    private static final class OpenFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Database database;
        private final SQLException cause;

        OpenFailed(Database database, SQLException cause) {
            super(cause);
            this.database = database;
            this.cause = cause;
        }
    }

    private SqliteInbox(InboxSettings settings, Duration keyWindow, LongSupplier clock,
            CommitObserver observer) throws OpenFailed {
        database = Database.in(settings.dataDir(), settings.fsync());
        Connection connection = null;
        try {
            connection = database.open(false);
        } catch (SQLException e) {
            database.release();
            throw new OpenFailed(database, e);
        }
        writerConnection = connection;
        try {
            String epoch = database.prepare(writerConnection);
            Writes writes = new Writes(writerConnection, epoch, settings.maxPerStream());
            Upkeep upkeep = new Upkeep(writerConnection, settings.maxBytes());
            for (int i = 0; i < READERS; i++) {
                Reads reads = new Reads(database.open(true), epoch);
                allReaders.add(reads);
                readers.add(reads);
            }
            loop = new CommitLoop(writes, upkeep, database, clock, settings.ttl().toMillis(), keyWindow.toMillis(),
                    settings.commitEvery().toNanos(), observer, upkept -> stats = upkept);
        } catch (SQLException e) {
            closeQuietly();
            throw new OpenFailed(database, e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        writer = new Thread(loop, "tidings-inbox-writer");
        writer.setDaemon(true); // close() lets it finish; a process that never calls it must still be able to exit
        writer.start();
    }

    /**
     * Opens (or creates) the inbox in TIDINGS_DATA_DIR; a directory that cannot be written or a file that is
     * not a readable inbox stops startup with an {@link InboxUnavailable} naming it.
     *
     * @param keyWindow how long an idempotency key is remembered
     * @param clock     epoch milliseconds
     */
    public static SqliteInbox open(InboxSettings settings, Duration keyWindow, LongSupplier clock,
            CommitObserver observer) {
        try {
            return new SqliteInbox(settings, keyWindow, clock, observer);
        } catch (OpenFailed e) {
            throw e.database.unavailable(e.cause);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> append(List<Append> entries, Function<List<Appended>, T> whenStored) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        loop.submit(new CommitLoop.AppendWrite(List.copyOf(entries), (Function<List<Appended>, Object>) whenStored,
                done));
        return (CompletableFuture<T>) done;
    }

    @Override
    public CompletableFuture<StreamHead> markRead(StreamKey stream, long upTo) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        loop.submit(new CommitLoop.ReadMark(stream, upTo, done));
        return done.thenApply(StreamHead.class::cast);
    }

    @Override
    public CompletableFuture<Long> delete(StreamKey stream) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        loop.submit(new CommitLoop.Deletion(stream, done));
        return done.thenApply(Long.class::cast);
    }

    @Override
    public StreamHead head(StreamKey stream) {
        return withReader(reads -> reads.head(stream));
    }

    @Override
    public List<StoredMessage> read(StreamKey stream, long after, long before, int limit, boolean newest) {
        return withReader(reads -> reads.read(stream, after, before, limit, newest));
    }

    @Override
    public InboxStats stats() {
        return stats;
    }

    private interface Read<T> {
        T apply(Reads reads) throws SQLException;
    }

    private <T> T withReader(Read<T> read) {
        Reads reads;
        try {
            reads = readers.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailable("busy", "interrupted waiting for an inbox reader", e);
        }
        if (reads == null) {
            throw new InboxUnavailable("busy", "inbox busy: no reader free within 10 s");
        }
        try {
            return read.apply(reads);
        } catch (SQLException e) {
            throw database.unavailable(e);
        } finally {
            readers.add(reads);
        }
    }

    /** Lets queued writes commit, then closes every connection. */
    @Override
    public void close() {
        loop.stop();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        for (Reads reads : allReaders) {
            try {
                reads.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            writerConnection.close();
        } catch (SQLException e) {
            // closing anyway
        }
        database.release();
    }
}
