package io.tidings.inbox.sqlite;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.Epoch;
import io.tidings.inbox.InboxUnavailable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The inbox's SQLite file: where it is, how a connection to it is opened (WAL, the fsync policy), its schema,
 * and what a failure of it means in words. Messages are rows in store order (rowid), so the oldest ones, which
 * age and size limits drop, are found without an index of their own.
 */
final class Database {
    static final String FILE = "inbox.db";
    private static final int SCHEMA_VERSION = 1;
    /** The writer's page cache (KiB), where the pages of recently written streams stay. */
    static final int WRITER_CACHE_KIB = 32 << 10;

    private final Path file;
    private final InboxSettings.Fsync fsync;
    private final FileChannel lock;

    private Database(Path file, InboxSettings.Fsync fsync, FileChannel lock) {
        this.file = file;
        this.fsync = fsync;
        this.lock = lock;
    }

    /**
     * Prepares the directory (created if missing, checked writable, locked for this process: two servers giving
     * seqs in one file would give the same ones) and the native library's place in it, so that a container's
     * shared /tmp is never used and a redeploy finds its own copy.
     */
    static Database in(Path dir, InboxSettings.Fsync fsync) {
        FileChannel lock = null;
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", null);
            Files.delete(probe);
            lock = FileChannel.open(dir.resolve("inbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (lock.tryLock() == null) {
                throw new OverlappingFileLockException();
            }
            Path natives = Files.createDirectories(dir.resolve("native"));
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", natives.toString());
            }
            return new Database(dir.resolve(FILE), fsync, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(lock);
            throw new InboxUnavailable("in use", "TIDINGS_DATA_DIR " + dir
                    + " is in use by another Tidings (each server needs a directory of its own)", e);
        } catch (IOException | SecurityException e) {
            closeQuietly(lock);
            throw new InboxUnavailable("not writable",
                    "TIDINGS_DATA_DIR " + dir + " is not a writable directory (" + e + ")", e);
        }
    }

    /** Lets another process take the directory. */
    void release() {
        closeQuietly(lock);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // released anyway when the process ends
            }
        }
    }

    Path file() {
        return file;
    }

    /**
     * A connection with this store's settings; a reader's refuses to write. Opened with the system class loader
     * as the thread's context: loading its native library the driver runs {@code uname}, and the JDK's process
     * reaper thread it starts would otherwise hold a WAR's class loader after an undeploy.
     */
    Connection open(boolean reader) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setReadOnly(reader);
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        Connection connection;
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
        } finally {
            thread.setContextClassLoader(context);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + (fsync == InboxSettings.Fsync.COMMIT ? "FULL" : "NORMAL"));
            statement.execute("PRAGMA secure_delete=FAST");
            // After a checkpoint the log shrinks back to this, so a burst does not leave a large file behind.
            statement.execute("PRAGMA journal_size_limit=" + (64 << 20));
            if (!reader) {
                // The writer touches an index page per message, scattered by stream: SQLite's default 2 MiB cache
                // made it read most of them back with a system call each. Filled as pages are touched.
                statement.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
            }
        }
        return connection;
    }

    /**
     * Creates the schema on a new file, in one transaction (a crash leaves either nothing or all of it), or checks
     * an existing one; returns the store's epoch. A file that holds tables but no inbox is refused, untouched.
     */
    String prepare(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            if (hasTable(statement, "meta")) {
                return check(writer);
            }
            if (hasTable(statement, null)) {
                throw new InboxUnavailable("not an inbox", file + " holds tables of something else than an inbox;"
                        + " TIDINGS_DATA_DIR must be a directory of Tidings' own");
            }
            // Must precede the first table: lets the file shrink again after deletions.
            statement.execute("PRAGMA auto_vacuum=INCREMENTAL");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            statement.execute("CREATE TABLE streams(stream TEXT PRIMARY KEY, top INTEGER NOT NULL,"
                    + " read_upto INTEGER NOT NULL DEFAULT 0)");
            statement.execute("CREATE TABLE messages(stream TEXT NOT NULL, seq INTEGER NOT NULL,"
                    + " ts INTEGER NOT NULL, id TEXT NOT NULL, frame TEXT NOT NULL)");
            statement.execute("CREATE UNIQUE INDEX messages_by_stream ON messages(stream, seq)");
            statement.execute("CREATE TABLE push_keys(key TEXT NOT NULL, ts INTEGER NOT NULL,"
                    + " id TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL)");
            statement.execute("CREATE INDEX push_keys_by_key ON push_keys(key)");
            String epoch = Epoch.random();
            setMeta(writer, "schema", Integer.toString(SCHEMA_VERSION));
            setMeta(writer, "epoch", epoch);
            statement.execute("COMMIT");
            return epoch;
        }
    }

    /** The epoch of an existing inbox, once its schema is this Tidings' own. */
    private String check(Connection writer) throws SQLException {
        String version = meta(writer, "schema");
        String epoch = meta(writer, "epoch");
        if (!Integer.toString(SCHEMA_VERSION).equals(version) || epoch == null) {
            throw new InboxUnavailable("unknown schema", file + " has inbox schema " + version + ", this Tidings reads "
                    + SCHEMA_VERSION);
        }
        return epoch;
    }

    /** Whether the file has a table of that name (any table when null). */
    private static boolean hasTable(Statement statement, String name) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table'"
                + (name == null ? "" : " AND name='" + name + "'"))) {
            return row.next() && row.getLong(1) > 0;
        }
    }

    private static String meta(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM meta WHERE name=?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void setMeta(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO meta(name, value) VALUES(?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
        }
    }

    /** Bytes the database takes on disk, its write-ahead log included. */
    long bytesOnDisk() {
        return size(file) + size(file.resolveSibling(FILE + "-wal"));
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A failure as an operator and an API caller should read it: what happened to which file. */
    InboxUnavailable unavailable(SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        String what = code == null ? "database error" : switch (code) {
            case SQLITE_FULL -> "disk full";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "not a readable inbox database (corrupt?)";
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN -> "cannot be written";
            case SQLITE_BUSY, SQLITE_LOCKED -> "locked by another process";
            default -> code.name().startsWith("SQLITE_IOERR") ? "I/O error" : code.name().toLowerCase(java.util.Locale.ROOT);
        };
        return new InboxUnavailable(what, "inbox unavailable: " + file + ": " + what, e);
    }
}
