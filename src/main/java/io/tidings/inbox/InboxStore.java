package io.tidings.inbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where stored messages live: an embedded database on one node, Redis in a cluster, memory in tests. The
 * contract every implementation keeps (InboxStoreContract tests each one):
 * <ul>
 * <li>{@link #append} stores a batch all or nothing; each stream's seqs are consecutive, strictly increasing and
 *     never reused (below 2^53). Its future completes only once the batch is as durable as the store promises,
 *     or fails with {@link InboxUnavailable} and nothing stored.</li>
 * <li>Completions are serialized in commit order: what runs when an append completes (delivery to the live
 *     sessions) runs before the next append's completion, so live sessions see each stream in seq order.</li>
 * <li>Reads ({@link #head}, {@link #read}) may block briefly and are never called on a network thread; they see
 *     every append whose future has completed.</li>
 * <li>A stream's top and epoch outlive its messages (retention removes the oldest messages only).</li>
 * </ul>
 */
public interface InboxStore extends AutoCloseable {
    /** Stores the entries in order, in one commit. */
    CompletableFuture<List<Appended>> append(List<Append> entries);

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
