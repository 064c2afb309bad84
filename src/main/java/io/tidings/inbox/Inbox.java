package io.tidings.inbox;

import io.tidings.config.InboxSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The inbox as the rest of Tidings uses it: the store, with its blocking reads moved off the network threads
 * onto the inbox's reader threads, and the rules of resuming and paging written once (for the socket and the
 * API alike). Appends go to the store directly, through the delivery seam (push.LocalBroker).
 */
public final class Inbox {
    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE = 1000;

    private final InboxStore store;
    private final Executor readers;
    private final int resumeMax;

    /**
     * @param readers runs the store's blocking reads (a few threads: each read is short)
     */
    public Inbox(InboxStore store, InboxSettings settings, Executor readers) {
        this.store = store;
        this.readers = readers;
        this.resumeMax = settings.resumeMax();
    }

    public InboxStore store() {
        return store;
    }

    public CompletableFuture<StreamHead> head(StreamKey stream) {
        return read(() -> store.head(stream));
    }

    /**
     * Every message after {@code since}, when the client's position is in this epoch, not above the top, and
     * nothing after it was dropped, and when at most TIDINGS_RESUME_MAX messages and {@code maxChars} characters
     * are missing (what a session's outbound queue can take at once); else an outcome that says why not.
     */
    public CompletableFuture<Resume> resume(StreamKey stream, long since, String epoch, long maxChars) {
        return read(() -> {
            StreamHead head = store.head(stream);
            long missing = head.top() - since;
            if (!head.epoch().equals(epoch)) {
                return Resume.failed(head, Resume.Outcome.EPOCH_CHANGED);
            }
            if (missing < 0) {
                return Resume.failed(head, Resume.Outcome.AHEAD);
            }
            if (since + 1 < head.first()) {
                return Resume.failed(head, Resume.Outcome.TOO_OLD);
            }
            if (missing > resumeMax) {
                return Resume.failed(head, Resume.Outcome.OVER_CAP);
            }
            List<StoredMessage> replay = missing == 0 ? List.of()
                    : store.read(stream, since, head.top() + 1, (int) missing, false);
            if (replay.size() != missing || missing > 0 && replay.get(0).seq() != since + 1) {
                return Resume.failed(head, Resume.Outcome.TOO_OLD); // dropped while we looked
            }
            if (chars(replay) > maxChars) {
                return Resume.failed(head, Resume.Outcome.OVER_CAP);
            }
            return new Resume(head, Resume.Outcome.RECOVERED, replay);
        });
    }

    /**
     * A page of at most {@code limit} messages: the oldest ones after {@code after}, or the newest ones before
     * {@code before} (the newest of all when both are null), within {@code maxChars} characters of frames but
     * never empty when the range is not (a message larger than that comes alone).
     */
    public CompletableFuture<Page> page(StreamKey stream, Long after, Long before, int limit, long maxChars) {
        return read(() -> {
            StreamHead head = store.head(stream);
            boolean newest = after == null;
            long from = after == null ? 0 : after;
            long to = before == null ? Long.MAX_VALUE : before;
            List<StoredMessage> found = store.read(stream, from, to, limit + 1, newest);
            boolean more = found.size() > limit;
            List<StoredMessage> page = new ArrayList<>(more ? newest ? found.subList(1, found.size())
                    : found.subList(0, limit) : found);
            while (page.size() > 1 && chars(page) > maxChars) { // one message always: a page must go on
                page.remove(newest ? 0 : page.size() - 1);
                more = true;
            }
            return new Page(head, List.copyOf(page), more);
        });
    }

    public CompletableFuture<StreamHead> markRead(StreamKey stream, long upTo) {
        return store.markRead(stream, upTo);
    }

    public CompletableFuture<Long> delete(StreamKey stream) {
        return store.delete(stream);
    }

    private static long chars(List<StoredMessage> messages) {
        long chars = 0;
        for (StoredMessage message : messages) {
            chars += message.frame().length();
        }
        return chars;
    }

    private <T> CompletableFuture<T> read(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read, readers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new InboxUnavailable("busy", "inbox busy: too many reads waiting"));
        }
    }
}
