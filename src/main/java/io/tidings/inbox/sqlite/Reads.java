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
    private final PreparedStatement top;
    private final PreparedStatement first;
    private final PreparedStatement unread;
    private final PreparedStatement oldestFirst;
    private final PreparedStatement newestFirst;

    Reads(Connection connection, String epoch) throws SQLException {
        this.connection = connection;
        this.epoch = epoch;
        this.top = connection.prepareStatement("SELECT top, read_upto FROM streams WHERE stream=?");
        this.first = connection.prepareStatement("SELECT min(seq) FROM messages WHERE stream=?");
        this.unread = connection.prepareStatement("SELECT count(*) FROM messages WHERE stream=? AND seq>?");
        String page = "SELECT seq, id, ts, frame FROM messages WHERE stream=? AND seq>? AND seq<? ORDER BY seq";
        this.oldestFirst = connection.prepareStatement(page + " LIMIT ?");
        this.newestFirst = connection.prepareStatement(page + " DESC LIMIT ?");
    }

    StreamHead head(StreamKey stream) throws SQLException {
        long topSeq;
        long readUpTo;
        top.setString(1, stream.text());
        try (ResultSet row = top.executeQuery()) {
            if (!row.next()) {
                return StreamHead.empty(stream, epoch);
            }
            topSeq = row.getLong(1);
            readUpTo = row.getLong(2);
        }
        first.setString(1, stream.text());
        long firstSeq;
        try (ResultSet row = first.executeQuery()) {
            row.next();
            long min = row.getLong(1);
            firstSeq = row.wasNull() ? topSeq + 1 : min;
        }
        unread.setString(1, stream.text());
        unread.setLong(2, readUpTo);
        try (ResultSet row = unread.executeQuery()) {
            row.next();
            return new StreamHead(stream, epoch, topSeq, firstSeq, readUpTo, row.getLong(1));
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
