package io.tidings.inbox.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * The writer's periodic work between group commits: drop messages past TIDINGS_INBOX_TTL and, while the store is
 * over TIDINGS_INBOX_MAX_BYTES, the oldest ones; forget idempotency keys past their window; give freed pages
 * back to the file system; truncate the write-ahead log after an account deletion. Each step deletes in small
 * chunks, each its own transaction (the connection's autocommit), so appends waiting meanwhile are not held for
 * long.
 */
final class Upkeep {
    private static final int CHUNK = 1000;

    private final Connection connection;
    private final long maxBytes;
    private final PreparedStatement dropExpired;
    private final PreparedStatement dropOldest;
    private final PreparedStatement keepTopsOfExpired;
    private final PreparedStatement keepTopsOfOldest;
    private final PreparedStatement dropKeys;
    private final PreparedStatement oldest;

    Upkeep(Connection connection, long maxBytes) throws SQLException {
        this.connection = connection;
        this.maxBytes = maxBytes;
        String oldestChunk = "SELECT rowid FROM messages ORDER BY rowid LIMIT " + CHUNK;
        dropExpired = connection.prepareStatement("DELETE FROM messages WHERE rowid IN (" + oldestChunk + ") AND ts<?");
        dropOldest = connection.prepareStatement("DELETE FROM messages WHERE rowid IN (" + oldestChunk + ")");
        // A chunk may hold a stream's newest message, whose seq is the stream's top: recorded first.
        String keepTops = "INSERT INTO streams(stream, top) SELECT stream, max(seq) FROM messages WHERE rowid IN ("
                + oldestChunk + ")%s GROUP BY stream ON CONFLICT(stream) DO UPDATE SET top=max(top, excluded.top)";
        keepTopsOfExpired = connection.prepareStatement(keepTops.formatted(" AND ts<?"));
        keepTopsOfOldest = connection.prepareStatement(keepTops.formatted(""));
        dropKeys = connection.prepareStatement("DELETE FROM push_keys WHERE rowid IN (SELECT rowid FROM push_keys"
                + " ORDER BY rowid LIMIT " + CHUNK + ") AND ts<?");
        oldest = connection.prepareStatement("SELECT ts FROM messages ORDER BY rowid LIMIT 1");
    }

    /**
     * What a pass did: whether it finished (else it gave way to waiting writes and goes on later), whether the
     * log was truncated as asked, and the time of the oldest message still held (0 when none).
     */
    record Result(boolean finished, boolean logTruncated, long oldestTs) {
    }

    /** Runs every step, chunk by chunk, until done or until {@code giveWay} says writes have waited long enough. */
    Result run(long messagesSince, long keysSince, boolean truncateLog, BooleanSupplier giveWay) throws SQLException {
        boolean finished = drop(keepTopsOfExpired, dropExpired, messagesSince, giveWay, () -> true)
                && drop(keepTopsOfOldest, dropOldest, 0, giveWay, () -> usedBytes() > maxBytes)
                && drop(null, dropKeys, keysSince, giveWay, () -> true);
        vacuum();
        boolean truncated = !truncateLog || truncateLog();
        try (ResultSet row = oldest.executeQuery()) {
            return new Result(finished, truncated, row.next() ? row.getLong(1) : 0);
        }
    }

    private interface Condition {
        boolean holds() throws SQLException;
    }

    /** Drops chunks while the condition holds and something is dropped; false when it gave way first. */
    private boolean drop(PreparedStatement keepTops, PreparedStatement delete, long before, BooleanSupplier giveWay,
            Condition needed) throws SQLException {
        while (needed.holds()) {
            if (giveWay.getAsBoolean()) {
                return false;
            }
            if (keepTops != null) {
                chunk(keepTops, before);
            }
            if (!chunk(delete, before)) {
                return true;
            }
        }
        return true;
    }

    /** Moves the whole log into the file and empties it; false when readers kept it from finishing. */
    private boolean truncateLog() throws SQLException {
        try (Statement checkpoint = connection.createStatement();
                ResultSet result = checkpoint.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return result.next() && result.getInt(1) == 0;
        }
    }

    private boolean chunk(PreparedStatement delete, long before) throws SQLException {
        if (delete.getParameterMetaData().getParameterCount() > 0) {
            delete.setLong(1, before);
        }
        return delete.executeUpdate() > 0;
    }

    /** The bytes of the pages that hold data: what the size cap counts (free pages and the log are not data). */
    private long usedBytes() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long pages = single(statement, "PRAGMA page_count") - single(statement, "PRAGMA freelist_count");
            return pages * single(statement, "PRAGMA page_size");
        }
    }

    private static long single(Statement statement, String pragma) throws SQLException {
        try (ResultSet row = statement.executeQuery(pragma)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** Gives free pages back to the file system and checkpoints, so the file's size follows what it holds. */
    private void vacuum() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA incremental_vacuum");
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }
}
