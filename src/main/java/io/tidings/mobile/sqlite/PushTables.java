package io.tidings.mobile.sqlite;

import io.tidings.inbox.sqlite.SqliteInbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The push tables, created beside the inbox's on first use. Devices are keyed by their token; jobs by an id
 * never reused (AUTOINCREMENT), because it names the notification on the phone: a resend replaces, a new job
 * must not.
 */
final class PushTables {
    private PushTables() {
    }

    /** Creates the tables when missing; completes once committed. */
    static void create(SqliteInbox inbox) {
        inbox.write(PushTables::create).join();
    }

    private static Void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS push_devices(platform TEXT NOT NULL, token TEXT NOT NULL,"
                    + " uid TEXT NOT NULL, topic TEXT, env TEXT, registered INTEGER NOT NULL,"
                    + " PRIMARY KEY(platform, token))");
            statement.execute("CREATE TABLE IF NOT EXISTS push_jobs(id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " origin INTEGER NOT NULL, uid TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL,"
                    + " epoch TEXT NOT NULL, count INTEGER NOT NULL, title TEXT, body TEXT, collapse TEXT,"
                    + " kind TEXT NOT NULL, created INTEGER NOT NULL, due INTEGER NOT NULL,"
                    + " attempts INTEGER NOT NULL, claimed INTEGER NOT NULL, dead INTEGER NOT NULL, platform TEXT,"
                    + " token TEXT)");
            statement.execute("CREATE INDEX IF NOT EXISTS push_jobs_due ON push_jobs(dead, claimed, due)");
            // The open job a new message merges into: not yet tried, for every device.
            statement.execute("CREATE INDEX IF NOT EXISTS push_jobs_open ON push_jobs(uid, stream, kind)"
                    + " WHERE attempts=0 AND token IS NULL AND claimed=0");
        }
        return null;
    }
}
