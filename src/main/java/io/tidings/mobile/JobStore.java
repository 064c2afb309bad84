package io.tidings.mobile;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where push jobs live until sent: beside the inbox, so a restart loses none (the SQLite file, or memory in
 * tests; a cluster keeps them where every node can take them). The contract every implementation keeps
 * (JobStoreContract tests each one):
 * <ul>
 * <li>{@link #add} completes once durable. A new job is merged into its uid's open job of the same stream, kind
 *     and collapse key (one not yet tried, for every device): that job's seq rises to the new one and its count
 *     by one, its text is the newest; its due time stays, so the first push leaves on time.</li>
 * <li>{@link #claim} hands out due jobs, each to one caller until it is {@link #settle settled}, and counts the
 *     attempt durably before it returns, so a job that crashes its sender still runs out of attempts.</li>
 * <li>What a crash left claimed is due again when the store is opened: it is sent again, never lost.</li>
 * </ul>
 */
public interface JobStore extends AutoCloseable {
    CompletableFuture<Void> add(List<Job.New> jobs);

    /** Up to {@code max} jobs due at {@code now}, oldest due first, claimed. May block briefly (never on a network thread). */
    List<Job> claim(long now, int max);

    /** Deletes done jobs, reschedules or dead-letters the rest (per device, splitting a job for every device). */
    CompletableFuture<Void> settle(List<Job.Settled> settled);

    /** The earliest due time of an unclaimed job, or {@link Long#MAX_VALUE} when none waits. May block briefly. */
    long nextDue();

    /** Open jobs, the oldest one's creation time and dead letters, for the metrics. May block briefly. */
    JobStats stats();

    /** Jobs waiting or being sent; the epoch ms the oldest was created (0 when none); dead letters kept. */
    record JobStats(long open, long oldestCreated, long dead) {
    }

    @Override
    void close();
}
