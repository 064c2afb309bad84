package io.tidings.inbox.sqlite;

import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The inbox's one writer thread and its group commit: it takes every write waiting (up to {@link #MAX_BATCH}
 * writes and {@link #MAX_BATCH_CHARS} characters of frames), runs them in one transaction, commits once (one fsync
 * under TIDINGS_INBOX_FSYNC=commit), and only then completes their futures, in order, on this thread. So an append
 * is acknowledged only once durable, and whatever its completion runs (delivery to live sessions) runs in commit
 * order. A failed commit fails every write of its batch and stores none of them; nothing stops the loop but
 * {@link #stop}. Between batches it does the {@link Upkeep}, a slice at a time while writes wait.
 */
final class CommitLoop implements Runnable {
    static final int MAX_BATCH = 2_000;
    /** A group commit's frames, in characters: a few large pushes make a batch of their own. */
    static final long MAX_BATCH_CHARS = 16 << 20;
    /** The longest the upkeep holds the writer while writes wait. */
    private static final long UPKEEP_SLICE_MILLIS = 50;
    /** Writes waiting beyond this are refused at once ("inbox overloaded") rather than held without bound. */
    static final int MAX_WAITING = 100_000;
    private static final long UPKEEP_EVERY_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(CommitLoop.class.getName());

    /** One write and the future its result completes. */
    sealed interface Write {
        CompletableFuture<?> done();
    }

    record AppendWrite(List<Append> entries, Function<List<Appended>, Object> whenStored,
            CompletableFuture<Object> done) implements Write {
    }

    record ReadMark(StreamKey stream, long upTo, CompletableFuture<Object> done) implements Write {
    }

    record Deletion(StreamKey stream, CompletableFuture<Object> done) implements Write {
    }

    /** SQL of another part of Tidings, in a savepoint of its own ({@link SqliteInbox#write}). */
    record Task(SqliteInbox.Work<?> work, CompletableFuture<Object> done) implements Write {
    }

    /** A task's own failure: only its future fails; the rest of the batch commits. */
    private record TaskFailed(SQLException cause) {
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
    private final long commitEveryNanos;
    private long lastCommit = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile boolean stopping;
    private volatile boolean ended;
    private volatile Thread runner;
    private Write carried;
    private boolean truncateLog;
    private boolean upkeepUnfinished;
    private long upkeepDue;

    CommitLoop(Writes writes, Upkeep upkeep, Database database, LongSupplier clock, long ttlMillis,
            long keyWindowMillis, long commitEveryNanos, CommitObserver observer, Consumer<InboxStats> stats) {
        this.commitEveryNanos = commitEveryNanos;
        this.writes = writes;
        this.upkeep = upkeep;
        this.database = database;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.keyWindowMillis = keyWindowMillis;
        this.observer = observer;
        this.stats = stats;
    }

    /** Queues a write; refused at once when too many wait, or once the loop has ended. */
    void submit(Write write) {
        if (stopping || !waiting.offer(write)) {
            write.done().completeExceptionally(stopping ? closed() : new InboxUnavailable("overloaded",
                    "inbox overloaded: " + MAX_WAITING + " writes waiting"));
        } else if (ended) {
            failWaiting(); // it came in while the loop was ending: nobody else will take it
        }
    }

    /** Lets the writes already queued finish, then ends the loop. */
    void stop() {
        stopping = true;
        waiting.offer(new Stop(new CompletableFuture<>())); // wakes the loop; when full, the flag is seen anyway
        LockSupport.unpark(runner); // and ends a gathering sleep (a no-op before the loop runs)
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        List<Write> batch = new ArrayList<>();
        while (!(stopping && waiting.isEmpty() && carried == null)) {
            try {
                if (next(batch) && !batch.isEmpty()) {
                    commit(batch);
                }
                batch.clear();
                upkeepWhenDue();
            } catch (InterruptedException e) {
                stopping = true;
            } catch (Throwable e) {
                // The batch was failed already where that was possible; the loop must go on for the others.
                LOG.log(System.Logger.Level.ERROR, "inbox writer failed", e);
                batch.forEach(write -> write.done().completeExceptionally(new InboxUnavailable("internal error",
                        "inbox writer failed: " + e, e)));
                batch.clear();
            }
        }
        ended = true;
        failWaiting();
    }

    /**
     * Fills the batch with what waits, within its bounds; false when nothing came within the upkeep's period.
     * Under load it gathers until TIDINGS_INBOX_COMMIT_EVERY has passed since the last commit began, so that
     * writes arriving meanwhile share one commit and one fsync; an idle writer commits at once.
     */
    private boolean next(List<Write> batch) throws InterruptedException {
        Write write = carried != null ? carried : waiting.poll(upkeepUnfinished ? 0 : UPKEEP_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        carried = null;
        if (write == null) {
            return false;
        }
        long due = lastCommit + commitEveryNanos;
        long chars = 0;
        while (write != null) {
            if (!(write instanceof Stop)) {
                long size = chars(write);
                if (!batch.isEmpty() && chars + size > MAX_BATCH_CHARS) {
                    carried = write; // the first of the next batch
                    break;
                }
                batch.add(write);
                chars += size;
            }
            if (batch.size() >= MAX_BATCH) {
                break;
            }
            write = waiting.poll();
            long wait;
            while (write == null && !stopping && (wait = due - System.nanoTime()) > 0) {
                // A sleep, not a wait on the queue: writes arriving meanwhile do not wake the writer one by one,
                // which costs a context switch each (on a VM, more than the SQL of the write).
                LockSupport.parkNanos(this, wait);
                write = waiting.poll();
            }
        }
        return true;
    }

    private static long chars(Write write) {
        if (!(write instanceof AppendWrite append)) {
            return 0;
        }
        long chars = 0;
        for (Append entry : append.entries()) {
            chars += entry.frame().length();
        }
        return chars;
    }

    private void failWaiting() {
        Write late;
        while ((late = waiting.poll()) != null) {
            late.done().completeExceptionally(closed());
        }
    }

    private static InboxUnavailable closed() {
        return new InboxUnavailable("closed", "inbox closed");
    }

    private void commit(List<Write> batch) {
        long started = System.nanoTime();
        lastCommit = started;
        List<Object> results = new ArrayList<>(batch.size());
        long now = clock.getAsLong();
        try {
            writes.begin();
            for (Write write : batch) {
                results.add(apply(write, now));
            }
            writes.commit();
        } catch (SQLException | RuntimeException | Error e) {
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
        if (write instanceof Task task) {
            try {
                return writes.inSavepoint(task.work());
            } catch (Writes.TaskFailure e) {
                return new TaskFailed(e.sql());
            }
        }
        truncateLog = true; // what an account deletion overwrote must not linger in the log either
        return writes.delete(((Deletion) write).stream());
    }

    /** Completes a committed write; an append's action runs first, here, in commit order. */
    @SuppressWarnings("unchecked")
    private void complete(Write write, Object result) {
        CompletableFuture<Object> done = (CompletableFuture<Object>) write.done();
        if (result instanceof TaskFailed failed) {
            done.completeExceptionally(database.unavailable(failed.cause()));
            return;
        }
        try {
            done.complete(write instanceof AppendWrite append
                    ? append.whenStored().apply((List<Appended>) result) : result);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /**
     * Runs the upkeep when due (or right away after a deletion), for at most a slice of time while writes wait;
     * what is left is picked up after the next batch.
     */
    private void upkeepWhenDue() {
        long time = clock.getAsLong();
        if (!upkeepUnfinished && !truncateLog && time < upkeepDue) {
            return;
        }
        upkeepDue = time + UPKEEP_EVERY_MILLIS;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UPKEEP_SLICE_MILLIS);
        try {
            Upkeep.Result result = upkeep.run(time - ttlMillis, time - keyWindowMillis, truncateLog,
                    () -> !waiting.isEmpty() && System.nanoTime() > deadline);
            upkeepUnfinished = !result.finished();
            truncateLog = truncateLog && !result.logTruncated();
            stats.accept(new InboxStats(database.bytesOnDisk(), result.oldestTs()));
        } catch (SQLException e) {
            writes.rollback();
            LOG.log(System.Logger.Level.WARNING, database.unavailable(e).getMessage() + " during upkeep: "
                    + e.getMessage());
        }
    }
}
