package io.tidings.inbox.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Message rows waiting to be inserted, written in multi-row INSERTs of up to {@link #PER_STATEMENT} rows: a group
 * commit of many small appends pays the driver's per-statement cost once per chunk, not once per message.
 */
final class Rows {
    static final int PER_STATEMENT = 32;
    private static final int COLUMNS = 5;

    private record Row(String stream, long seq, long ts, String id, String frame) {
    }

    private final PreparedStatement one;
    private final PreparedStatement many;
    private final List<Row> waiting = new ArrayList<>();

    Rows(Connection connection) throws SQLException {
        String insert = "INSERT INTO messages(stream, seq, ts, id, frame) VALUES";
        one = connection.prepareStatement(insert + values(1));
        many = connection.prepareStatement(insert + values(PER_STATEMENT));
    }

    private static String values(int rows) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? " " : ",").append("(?,?,?,?,?)");
        }
        return values.toString();
    }

    void add(String stream, long seq, long ts, String id, String frame) {
        waiting.add(new Row(stream, seq, ts, id, frame));
    }

    /** Inserts every waiting row, in order. */
    void flush() throws SQLException {
        int at = 0;
        for (; waiting.size() - at >= PER_STATEMENT; at += PER_STATEMENT) {
            for (int i = 0; i < PER_STATEMENT; i++) {
                bind(many, i * COLUMNS, waiting.get(at + i));
            }
            many.executeUpdate();
        }
        for (; at < waiting.size(); at++) {
            bind(one, 0, waiting.get(at));
            one.executeUpdate();
        }
        waiting.clear();
    }

    /** Forgets the waiting rows (their transaction is rolled back). */
    void clear() {
        waiting.clear();
    }

    private static void bind(PreparedStatement insert, int offset, Row row) throws SQLException {
        insert.setString(offset + 1, row.stream());
        insert.setLong(offset + 2, row.seq());
        insert.setLong(offset + 3, row.ts());
        insert.setString(offset + 4, row.id());
        insert.setString(offset + 5, row.frame());
    }
}
