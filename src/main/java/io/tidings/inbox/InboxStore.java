package io.tidings.inbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where stored messages live: an embedded database on one node, Redis in a cluster, memory in tests. The
 * contract every implementation keeps (InboxStoreContract tests each one):
 * <ul>
 * <li>{@link #append} stores a batch all or nothing; each stream's seqs are consecutive, strictly increasing and
 *     never reused (below 2^53). Its future completes only once the batch is as durable as the store promises,
 *     or fails with {@link InboxUnavailable} and nothing stored.</li>
 * <li>What an append runs once stored (delivery to the live sessions) runs on the store's own thread, in commit
 *     order: each stream reaches live sessions in seq order.</li>
 * <li>Reads ({@link #head}, {@link #read}) may block briefly and are never called on a network thread; they see
 *     every append whose future has completed.</li>
 * <li>A stream's top and epoch outlive its messages (retention removes the oldest messages only).</li>
 * </ul>
 */
public interface InboxStore extends AutoCloseable {
    /**
     * Stores the entries in order, in one commit, then runs {@code whenStored} with what was stored, on the
     * store's own thread in commit order (never on the caller's: this is what keeps each stream's deliveries in
     * seq order), and completes with its result. A store that fails runs nothing and fails the future.
     */
    <T> CompletableFuture<T> append(List<Append> entries, Function<List<Appended>, T> whenStored);

    /** {@link #append(List, Function)} with nothing to run. */
    default CompletableFuture<List<Appended>> append(List<Append> entries) {
        return append(entries, Function.identity());
    }

    /** The stream's position, epoch and unread count. */
    StreamHead head(StreamKey stream);

    /**
     * Up to {@code limit} retained messages with {@code after < seq < before}, in seq order: the oldest ones of
     * that range, or the newest ones when {@code newest}.
     */
    List<StoredMessage> read(StreamKey stream, long after, long before, int limit, boolean newest);

    /** Marks the uid stream read up to that seq (never backwards, never above the top); completes with the head. */
    CompletableFuture<StreamHead> markRead(StreamKey stream, long upTo);

    /**
     * Removes every message of the stream and its read state (a user deleted their account); only its top and
     * epoch stay, so that no seq is ever given twice. Completes with how many messages were removed.
     */
    CompletableFuture<Long> delete(StreamKey stream);

    /** Bytes the store takes and the age of its oldest message, for the metrics. */
    InboxStats stats();

    @Override
    void close();
}
