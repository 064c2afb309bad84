package io.tidings.inbox.sqlite;

import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.Frames;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every write of the inbox, on the writer's one connection, inside the transaction the {@link CommitLoop} opens
 * per group commit. Seqs are given here, from each stream's top (kept in a bounded cache), so one thread gives
 * them all and no two appends ever race for a seq. A stream's top is the larger of its newest retained message
 * and the top the streams table recorded; it is recorded only where the newest message could go (the upkeep's
 * drops, a deletion, a read mark), so an append writes one row and nothing else. Rows wait in {@link Rows} and
 * are inserted together before the commit.
 */
final class Writes {
    private static final int CACHED_TOPS = 100_000;

    private final Connection connection;
    private final String epoch;
    private final int maxPerStream;
    private final Reads reads;
    private final Statement transaction;
    private final Rows rows;
    private final PreparedStatement readTop;
    private final PreparedStatement recordTop;
    private final PreparedStatement dropOldest;
    private final PreparedStatement findKey;
    private final PreparedStatement insertKey;
    private final PreparedStatement markRead;
    private final PreparedStatement deleteMessages;
    /** A stream's top: its newest retained seq, or the top recorded when it held none (or newer). */
    static final String TOP = "SELECT max(coalesce((SELECT top FROM streams WHERE stream=?1), 0),"
            + " coalesce((SELECT max(seq) FROM messages WHERE stream=?1), 0))";

    /** Streams whose oldest rows TIDINGS_INBOX_MAX drops at the next flush: up to which seq. */
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, Long> tops = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CACHED_TOPS;
        }
    };

    Writes(Connection connection, String epoch, int maxPerStream) throws SQLException {
        this.connection = connection;
        this.epoch = epoch;
        this.maxPerStream = maxPerStream;
        this.reads = new Reads(connection, epoch);
        this.transaction = connection.createStatement();
        this.rows = new Rows(connection);
        readTop = connection.prepareStatement(TOP);
        recordTop = connection.prepareStatement("INSERT INTO streams(stream, top) VALUES(?1, (" + TOP + "))"
                + " ON CONFLICT(stream) DO UPDATE SET top=excluded.top");
        dropOldest = connection.prepareStatement("DELETE FROM messages WHERE stream=? AND seq<=?");
        findKey = connection.prepareStatement("SELECT id, stream, seq FROM push_keys WHERE key=? AND ts>=?"
                + " ORDER BY rowid");
        insertKey = connection.prepareStatement("INSERT INTO push_keys(key, ts, id, stream, seq) VALUES(?,?,?,?,?)");
        markRead = connection.prepareStatement("UPDATE streams SET read_upto=max(read_upto, min(?, top))"
                + " WHERE stream=?");
        deleteMessages = connection.prepareStatement("DELETE FROM messages WHERE stream=?");
    }

    /** Stores the entries, or answers the entries stored earlier under their idempotency key. */
    List<Appended> append(List<Append> entries, long now, long keysSince) throws SQLException {
        String key = entries.isEmpty() ? null : entries.get(0).idempotencyKey();
        if (key != null) {
            List<Appended> earlier = earlier(key, keysSince);
            if (!earlier.isEmpty()) {
                return earlier;
            }
        }
        List<Appended> stored = new ArrayList<>(entries.size());
        for (Append entry : entries) {
            long seq = top(entry.stream()) + 1;
            String frame = Frames.positioned(entry.frame(), seq, epoch);
            rows.add(entry.stream().text(), seq, entry.ts(), entry.id(), frame);
            tops.put(entry.stream().text(), seq);
            if (seq > maxPerStream) {
                dropped.put(entry.stream().text(), seq - maxPerStream);
            }
            if (key != null) {
                insertKey.setString(1, key);
                insertKey.setLong(2, now);
                insertKey.setString(3, entry.id());
                insertKey.setString(4, entry.stream().text());
                insertKey.setLong(5, seq);
                insertKey.executeUpdate();
            }
            stored.add(new Appended(entry.stream(), entry.id(), seq, epoch, frame, false));
        }
        return stored;
    }

    /**
     * Inserts the waiting rows and drops what TIDINGS_INBOX_MAX no longer keeps (never a stream's newest); runs
     * before anything that reads or deletes rows, and before the commit.
     */
    void flush() throws SQLException {
        rows.flush();
        for (Map.Entry<String, Long> stream : dropped.entrySet()) {
            dropOldest.setString(1, stream.getKey());
            dropOldest.setLong(2, stream.getValue());
            dropOldest.executeUpdate();
        }
        dropped.clear();
    }

    private List<Appended> earlier(String key, long keysSince) throws SQLException {
        flush();
        findKey.setString(1, key);
        findKey.setLong(2, keysSince);
        List<Appended> earlier = new ArrayList<>();
        try (ResultSet rows = findKey.executeQuery()) {
            while (rows.next()) {
                earlier.add(new Appended(new StreamKey(rows.getString(2)), rows.getString(1), rows.getLong(3), epoch,
                        null, true));
            }
        }
        return earlier;
    }

    private long top(StreamKey stream) throws SQLException {
        Long cached = tops.get(stream.text());
        if (cached != null) {
            return cached;
        }
        flush();
        readTop.setString(1, stream.text());
        try (ResultSet row = readTop.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** Records the stream's top in the streams table, before something could remove its newest message. */
    private void recordTop(StreamKey stream) throws SQLException {
        flush();
        recordTop.setString(1, stream.text());
        recordTop.executeUpdate();
    }

    StreamHead markRead(StreamKey stream, long upTo) throws SQLException {
        recordTop(stream);
        markRead.setLong(1, upTo);
        markRead.setString(2, stream.text());
        markRead.executeUpdate();
        return reads.head(stream);
    }

    /** Removes the stream's messages (overwriting them in the file) and its read state; the top stays. */
    long delete(StreamKey stream) throws SQLException {
        recordTop(stream);
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA secure_delete=ON");
            deleteMessages.setString(1, stream.text());
            long removed = deleteMessages.executeUpdate();
            markRead(stream, Long.MAX_VALUE);
            pragma.execute("PRAGMA secure_delete=FAST");
            return removed;
        }
    }

    /**
     * Opens the group commit's transaction. Transactions are explicit statements, not the driver's autocommit
     * switch: SQLite rolls a transaction back by itself on some errors (a full disk), and the driver would then
     * think one open that is not, and run the next batch without one.
     */
    void begin() throws SQLException {
        transaction.execute("BEGIN IMMEDIATE");
    }

    void commit() throws SQLException {
        flush();
        transaction.execute("COMMIT");
    }

    /** Undoes the open transaction, if SQLite has not already; the cached tops may hold seqs it gave. */
    void rollback() {
        tops.clear();
        rows.clear();
        dropped.clear();
        try {
            transaction.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction left open: SQLite rolled it back itself
        }
    }
}
