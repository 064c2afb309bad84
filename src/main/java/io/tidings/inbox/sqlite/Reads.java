package io.tidings.inbox.sqlite;

import io.tidings.inbox.StoredMessage;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reads of one connection, its statements prepared once: a stream's head and a page of its messages. Used by
 * one thread at a time (a reader borrowed from the pool, or the writer for the heads it answers).
 */
final class Reads implements AutoCloseable {
    private final Connection connection;
    private final String epoch;
    private final PreparedStatement head;
    private final PreparedStatement oldestFirst;
    private final PreparedStatement newestFirst;

    Reads(Connection connection, String epoch) throws SQLException {
        this.connection = connection;
        this.epoch = epoch;
        // top, read mark, the oldest retained seq (null: none), and how many retained are above the read mark.
        this.head = connection.prepareStatement("SELECT (" + Writes.TOP + "),"
                + " coalesce((SELECT read_upto FROM streams WHERE stream=?1), 0),"
                + " (SELECT min(seq) FROM messages WHERE stream=?1),"
                + " (SELECT count(*) FROM messages WHERE stream=?1"
                + " AND seq > coalesce((SELECT read_upto FROM streams WHERE stream=?1), 0))");
        String page = "SELECT seq, id, ts, frame FROM messages WHERE stream=? AND seq>? AND seq<? ORDER BY seq";
        this.oldestFirst = connection.prepareStatement(page + " LIMIT ?");
        this.newestFirst = connection.prepareStatement(page + " DESC LIMIT ?");
    }

    StreamHead head(StreamKey stream) throws SQLException {
        head.setString(1, stream.text());
        try (ResultSet row = head.executeQuery()) {
            row.next();
            long top = row.getLong(1);
            long readUpTo = row.getLong(2);
            long first = row.getLong(3);
            if (row.wasNull()) {
                first = top + 1;
            }
            if (top == 0) {
                return StreamHead.empty(stream, epoch);
            }
            return new StreamHead(stream, epoch, top, first, readUpTo, row.getLong(4));
        }
    }

    List<StoredMessage> read(StreamKey stream, long after, long before, int limit, boolean newest)
            throws SQLException {
        PreparedStatement page = newest ? newestFirst : oldestFirst;
        page.setString(1, stream.text());
        page.setLong(2, after);
        page.setLong(3, before);
        page.setInt(4, limit);
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
                messages.add(new StoredMessage(rows.getLong(1), rows.getString(2), rows.getLong(3),
                        rows.getString(4)));
            }
        }
        if (newest) {
            Collections.reverse(messages);
        }
        return messages;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
