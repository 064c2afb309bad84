package io.tidings.inbox.sqlite;

import io.tidings.inbox.Append;
import io.tidings.inbox.CommitObserver;
import io.tidings.inbox.InboxStats;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.inbox.StreamKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The inbox's one writer thread and its group commit: it takes every write waiting (up to {@link #MAX_BATCH}),
 * runs them in one transaction, commits once (one fsync under TIDINGS_INBOX_FSYNC=commit), and only then
 * completes their futures, in order, on this thread. So an append is acknowledged only once durable, and
 * whatever its completion runs (delivery to live sessions) runs in commit order. A failed commit fails every
 * write of its batch and stores none of them. Between batches it does the {@link Upkeep}.
 */
final class CommitLoop implements Runnable {
    static final int MAX_BATCH = 2_000;
    /** Writes waiting beyond this are refused at once ("inbox overloaded") rather than held without bound. */
    static final int MAX_WAITING = 100_000;
    private static final long UPKEEP_EVERY_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(CommitLoop.class.getName());

    /** One write and the future its result completes. */
    sealed interface Write {
        CompletableFuture<?> done();
    }

    record AppendWrite(List<Append> entries, CompletableFuture<Object> done) implements Write {
    }

    record ReadMark(StreamKey stream, long upTo, CompletableFuture<Object> done) implements Write {
    }

    record Deletion(StreamKey stream, CompletableFuture<Object> done) implements Write {
    }

    private record Stop(CompletableFuture<?> done) implements Write {
    }

    private final BlockingQueue<Write> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Writes writes;
    private final Upkeep upkeep;
    private final Database database;
    private final LongSupplier clock;
    private final long ttlMillis;
    private final long keyWindowMillis;
    private final CommitObserver observer;
    private final Consumer<InboxStats> stats;
    private boolean truncateLog;
    private long upkeepDue;

    CommitLoop(Writes writes, Upkeep upkeep, Database database, LongSupplier clock, long ttlMillis,
            long keyWindowMillis, CommitObserver observer, Consumer<InboxStats> stats) {
        this.writes = writes;
        this.upkeep = upkeep;
        this.database = database;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.keyWindowMillis = keyWindowMillis;
        this.observer = observer;
        this.stats = stats;
    }

    /** Queues a write; refused at once when too many wait. */
    void submit(Write write) {
        if (!waiting.offer(write)) {
            write.done().completeExceptionally(new InboxUnavailable("overloaded", "inbox overloaded: "
                    + MAX_WAITING + " writes waiting"));
        }
    }

    /** Lets the writes already queued finish, then ends the loop. */
    void stop() {
        waiting.add(new Stop(new CompletableFuture<>()));
    }

    @Override
    public void run() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                Write first = waiting.poll(UPKEEP_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    waiting.drainTo(batch, MAX_BATCH - 1);
                    stopping = batch.removeIf(write -> write instanceof Stop);
                    if (!batch.isEmpty()) {
                        commit(batch);
                    }
                    batch.clear();
                }
                upkeepWhenDue(stopping);
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "inbox writer failed", e);
            }
        }
        Write late;
        while ((late = waiting.poll()) != null) {
            late.done().completeExceptionally(new InboxUnavailable("closed", "inbox closed"));
        }
    }

    private void commit(List<Write> batch) {
        long started = System.nanoTime();
        List<Object> results = new ArrayList<>(batch.size());
        long now = clock.getAsLong();
        try {
            writes.begin();
            for (Write write : batch) {
                results.add(apply(write, now));
            }
            writes.commit();
        } catch (SQLException | RuntimeException e) {
            writes.rollback();
            InboxUnavailable failure = e instanceof SQLException sql ? database.unavailable(sql)
                    : new InboxUnavailable("internal error", "inbox unavailable: " + e, e);
            LOG.log(System.Logger.Level.ERROR, failure.getMessage() + " (" + batch.size() + " writes refused)");
            batch.forEach(write -> write.done().completeExceptionally(failure));
            return;
        }
        observer.committed(batch.size(), System.nanoTime() - started);
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    private Object apply(Write write, long now) throws SQLException {
        if (write instanceof AppendWrite append) {
            return writes.append(append.entries(), now, now - keyWindowMillis);
        }
        if (write instanceof ReadMark mark) {
            return writes.markRead(mark.stream(), mark.upTo());
        }
        truncateLog = true; // what an account deletion overwrote must not linger in the log either
        return writes.delete(((Deletion) write).stream());
    }

    @SuppressWarnings("unchecked")
    private static void complete(Write write, Object result) {
        ((CompletableFuture<Object>) write.done()).complete(result);
    }

    private void upkeepWhenDue(boolean now) {
        long time = clock.getAsLong();
        if (!now && !truncateLog && time < upkeepDue) {
            return;
        }
        upkeepDue = time + UPKEEP_EVERY_MILLIS;
        try {
            long oldest = upkeep.run(time - ttlMillis, time - keyWindowMillis, truncateLog);
            truncateLog = false;
            stats.accept(new InboxStats(database.bytesOnDisk(), oldest));
        } catch (SQLException e) {
            writes.rollback();
            LOG.log(System.Logger.Level.WARNING, database.unavailable(e).getMessage() + " during upkeep: "
                    + e.getMessage());
        }
    }
}
