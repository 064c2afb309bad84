package io.tidings.mobile.sqlite;

import io.tidings.inbox.sqlite.SqliteInbox;
import io.tidings.mobile.DeadLetters;
import io.tidings.mobile.Job;
import io.tidings.mobile.JobStore;
import io.tidings.mobile.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Push jobs in the inbox's database. Every change (add, claim, settle) is a write on the inbox's writer, so it
 * lands in a group commit right behind the messages that made it; the pump's reads ({@link #nextDue},
 * {@link #stats}) use the inbox's readers.
 */
public final class SqliteJobs implements JobStore {
    private static final String COLUMNS = "id, origin, uid, stream, seq, epoch, count, title, body, collapse, kind,"
            + " created, due, attempts, platform, token";

    private final SqliteInbox inbox;
    private final LongSupplier clock;

    private SqliteJobs(SqliteInbox inbox, LongSupplier clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /**
     * Opens the jobs in the inbox's database (creating the table); what a crash left claimed is due again.
     *
     * @param clock epoch ms, for the age of dead letters
     */
    public static SqliteJobs open(SqliteInbox inbox, LongSupplier clock) {
        PushTables.create(inbox);
        inbox.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE push_jobs SET claimed=0 WHERE claimed=1");
            }
        }).join();
        return new SqliteJobs(inbox, clock);
    }

    @Override
    public CompletableFuture<Void> add(List<Job.New> jobs) {
        List<Job.New> copy = List.copyOf(jobs);
        return inbox.write(connection -> {
            try (PreparedStatement find = connection.prepareStatement("SELECT id FROM push_jobs WHERE uid=? AND"
                    + " stream=? AND kind=? AND collapse IS ? AND attempts=0 AND token IS NULL AND claimed=0"
                    + " AND dead=0 LIMIT 1");
                    PreparedStatement merge = connection.prepareStatement("UPDATE push_jobs SET seq=max(seq, ?),"
                            + " epoch=?, count=count+1, title=?, body=? WHERE id=?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO push_jobs(origin, uid,"
                            + " stream, seq, epoch, count, title, body, collapse, kind, created, due, attempts,"
                            + " claimed, dead) VALUES(0,?,?,?,?,1,?,?,?,?,?,?,0,0,0)");
                    PreparedStatement named = connection.prepareStatement(
                            "UPDATE push_jobs SET origin=id WHERE id=last_insert_rowid()")) {
                for (Job.New job : copy) {
                    Long open = open(find, job);
                    if (open != null) {
                        merge.setLong(1, job.seq());
                        merge.setString(2, job.epoch());
                        merge.setString(3, job.title());
                        merge.setString(4, job.body());
                        merge.setLong(5, open);
                        merge.executeUpdate();
                        continue;
                    }
                    insert.setString(1, job.uid());
                    insert.setString(2, job.stream());
                    insert.setLong(3, job.seq());
                    insert.setString(4, job.epoch());
                    insert.setString(5, job.title());
                    insert.setString(6, job.body());
                    insert.setString(7, job.collapse());
                    insert.setString(8, job.kind().name());
                    insert.setLong(9, job.created());
                    insert.setLong(10, job.due());
                    insert.executeUpdate();
                    named.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Long open(PreparedStatement find, Job.New job) throws SQLException {
        find.setString(1, job.uid());
        find.setString(2, job.stream());
        find.setString(3, job.kind().name());
        find.setString(4, job.collapse());
        try (ResultSet row = find.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    @Override
    public List<Job> claim(long now, int max) {
        return inbox.write(connection -> {
            List<Job> claimed = new ArrayList<>();
            try (PreparedStatement due = connection.prepareStatement("SELECT " + COLUMNS + " FROM push_jobs"
                    + " WHERE dead=0 AND claimed=0 AND due<=? ORDER BY due LIMIT ?");
                    PreparedStatement take = connection.prepareStatement(
                            "UPDATE push_jobs SET claimed=1, attempts=attempts+1 WHERE id=?")) {
                due.setLong(1, now);
                due.setInt(2, max);
                try (ResultSet rows = due.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(job(rows, 1));
                    }
                }
                for (Job job : claimed) {
                    take.setLong(1, job.id());
                    take.executeUpdate();
                }
            }
            return claimed;
        }).join();
    }

    /** A row as a job; {@code extraAttempts} counts the claim being made. */
    private static Job job(ResultSet row, int extraAttempts) throws SQLException {
        String platform = row.getString(15);
        return new Job(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getString(6), row.getInt(7), row.getString(8), row.getString(9), row.getString(10),
                Job.Kind.valueOf(row.getString(11)), row.getLong(12), row.getLong(13), row.getInt(14) + extraAttempts,
                platform == null ? null : Platform.of(platform), row.getString(16));
    }

    @Override
    public CompletableFuture<Void> settle(List<Job.Settled> settled) {
        List<Job.Settled> copy = List.copyOf(settled);
        long deadBefore = clock.getAsLong() - DeadLetters.KEEP.toMillis();
        return inbox.write(connection -> {
            boolean anyDead = false;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM push_jobs WHERE id=?");
                    PreparedStatement again = connection.prepareStatement("UPDATE push_jobs SET claimed=0, due=?,"
                            + " dead=?, attempts=? WHERE id=?");
                    PreparedStatement split = connection.prepareStatement("INSERT INTO push_jobs(origin, uid,"
                            + " stream, seq, epoch, count, title, body, collapse, kind, created, due, attempts,"
                            + " claimed, dead, platform, token) SELECT origin, uid, stream, seq, epoch, count, title,"
                            + " body, collapse, kind, created, ?, ?, 0, ?, ?, ? FROM push_jobs WHERE id=?")) {
                for (Job.Settled one : copy) {
                    Job job = one.job();
                    boolean inPlace = one.next().size() == 1
                            && Objects.equals(one.next().get(0).token(), job.token());
                    for (Job.Next next : one.next()) {
                        anyDead |= next.dead();
                        int attempts = next.refund() ? job.attempts() - 1 : job.attempts();
                        if (inPlace) {
                            again.setLong(1, next.due());
                            again.setInt(2, next.dead() ? 1 : 0);
                            again.setInt(3, attempts);
                            again.setLong(4, job.id());
                            again.executeUpdate();
                        } else {
                            split.setLong(1, next.due());
                            split.setInt(2, attempts);
                            split.setInt(3, next.dead() ? 1 : 0);
                            split.setString(4, next.platform().label());
                            split.setString(5, next.token());
                            split.setLong(6, job.id());
                            split.executeUpdate();
                        }
                    }
                    if (!inPlace) {
                        delete.setLong(1, job.id());
                        delete.executeUpdate();
                    }
                }
            }
            if (anyDead) {
                pruneDeadLetters(connection, deadBefore);
            }
            return null;
        });
    }

    private static void pruneDeadLetters(Connection connection, long before) throws SQLException {
        try (PreparedStatement old = connection.prepareStatement("DELETE FROM push_jobs WHERE dead=1 AND created<?");
                Statement over = connection.createStatement()) {
            old.setLong(1, before);
            old.executeUpdate();
            over.executeUpdate("DELETE FROM push_jobs WHERE id IN (SELECT id FROM push_jobs WHERE dead=1"
                    + " ORDER BY id DESC LIMIT -1 OFFSET " + DeadLetters.MAX + ")");
        }
    }

    @Override
    public long nextDue() {
        return inbox.read(connection -> {
            try (Statement query = connection.createStatement();
                    ResultSet row = query.executeQuery("SELECT min(due) FROM push_jobs WHERE dead=0 AND claimed=0")) {
                long due = row.next() ? row.getLong(1) : 0;
                return row.wasNull() ? Long.MAX_VALUE : due;
            }
        });
    }

    @Override
    public JobStats stats() {
        return inbox.read(connection -> {
            try (Statement query = connection.createStatement();
                    ResultSet row = query.executeQuery("SELECT sum(dead=0), min(CASE WHEN dead=0 THEN created END),"
                            + " sum(dead=1) FROM push_jobs")) {
                row.next();
                return new JobStats(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        });
    }

    @Override
    public void close() {
        // the inbox owns the database
    }
}
