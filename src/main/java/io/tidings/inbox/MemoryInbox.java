package io.tidings.inbox;

import io.tidings.config.InboxSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The inbox in memory (TIDINGS_INBOX=memory, and tests): positions, resume and unread counts work as with the
 * embedded database, within the same retention limits, and a restart loses everything. Writes run on one writer
 * thread of its own, in order, with what each append runs once stored (so deliveries keep seq order and never
 * run on the caller's thread); reads take the same lock as the writer's changes.
 */
public final class MemoryInbox implements InboxStore {
    private final String epoch = Epoch.random();
    private final InboxSettings settings;
    private final long keyWindowMillis;
    private final LongSupplier clock;
    private final Map<StreamKey, Stream> streams = new HashMap<>();
    /** Every retained message in store order, for the age and size limits (entries dropped by count linger). */
    private final ArrayDeque<Held> oldestFirst = new ArrayDeque<>();
    private final LinkedHashMap<String, Keyed> keys = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidings-inbox-memory");
        thread.setDaemon(true);
        return thread;
    });
    private long bytes;

    private static final class Stream {
        final ArrayDeque<StoredMessage> messages = new ArrayDeque<>();
        long top;
        long readUpTo;
    }

    private record Held(StreamKey stream, long seq, long ts, long bytes) {
    }

    private record Keyed(long ts, List<Appended> entries) {
    }

    /** @param clock epoch milliseconds */
    public MemoryInbox(InboxSettings settings, Duration keyWindow, LongSupplier clock) {
        this.settings = settings;
        this.keyWindowMillis = keyWindow.toMillis();
        this.clock = clock;
    }

    @Override
    public <T> CompletableFuture<T> append(List<Append> entries, Function<List<Appended>, T> whenStored) {
        List<Append> copy = List.copyOf(entries);
        return write(() -> whenStored.apply(storeAll(copy)));
    }

    /** Runs a write on the writer thread, in order; fails the future when the store is closed. */
    private <T> CompletableFuture<T> write(Supplier<T> write) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    done.complete(write.get());
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new InboxUnavailable("closed", "inbox closed"));
        }
        return done;
    }

    private synchronized List<Appended> storeAll(List<Append> entries) {
        long now = clock.getAsLong();
        expire(now);
        String key = entries.isEmpty() ? null : entries.get(0).idempotencyKey();
        Keyed earlier = key == null ? null : keys.get(key);
        if (earlier != null) {
            return earlier.entries().stream().map(e -> new Appended(e.stream(), e.id(), e.seq(), e.epoch(),
                    e.frame(), true)).toList();
        }
        List<Appended> stored = new ArrayList<>(entries.size());
        for (Append entry : entries) {
            stored.add(store(entry));
        }
        if (key != null) {
            keys.put(key, new Keyed(now, stored.stream().map(Appended::position).toList()));
        }
        return stored;
    }

    private Appended store(Append entry) {
        Stream stream = streams.computeIfAbsent(entry.stream(), k -> new Stream());
        long seq = ++stream.top;
        String frame = Frames.positioned(entry.frame(), seq, epoch);
        StoredMessage message = new StoredMessage(seq, entry.id(), entry.ts(), frame);
        stream.messages.addLast(message);
        long size = 2L * frame.length();
        oldestFirst.addLast(new Held(entry.stream(), seq, entry.ts(), size));
        bytes += size;
        while (stream.messages.size() > settings.maxPerStream()) {
            StoredMessage dropped = stream.messages.removeFirst();
            bytes -= 2L * dropped.frame().length();
        }
        return new Appended(entry.stream(), entry.id(), seq, epoch, frame, false);
    }

    /** Drops what is past the age or over the size, oldest first, and the keys past their window. */
    private void expire(long now) {
        long cutoff = now - settings.ttl().toMillis();
        while (!oldestFirst.isEmpty()) {
            Held oldest = oldestFirst.peekFirst();
            Stream stream = streams.get(oldest.stream());
            StoredMessage head = stream == null ? null : stream.messages.peekFirst();
            boolean stillHeld = head != null && head.seq() == oldest.seq();
            if (stillHeld && oldest.ts() >= cutoff && bytes <= settings.maxBytes()) {
                break;
            }
            oldestFirst.removeFirst();
            if (stillHeld) {
                stream.messages.removeFirst();
                bytes -= oldest.bytes();
            }
        }
        Iterator<Keyed> oldestKey = keys.values().iterator();
        while (oldestKey.hasNext() && oldestKey.next().ts() < now - keyWindowMillis) {
            oldestKey.remove();
        }
    }

    @Override
    public synchronized StreamHead head(StreamKey key) {
        expire(clock.getAsLong());
        Stream stream = streams.get(key);
        if (stream == null) {
            return StreamHead.empty(key, epoch);
        }
        long first = stream.messages.isEmpty() ? stream.top + 1 : stream.messages.peekFirst().seq();
        long unread = stream.top - Math.max(stream.readUpTo, first - 1);
        return new StreamHead(key, epoch, stream.top, first, stream.readUpTo, unread);
    }

    @Override
    public synchronized List<StoredMessage> read(StreamKey key, long after, long before, int limit, boolean newest) {
        Stream stream = streams.get(key);
        if (stream == null) {
            return List.of();
        }
        List<StoredMessage> range = stream.messages.stream()
                .filter(m -> m.seq() > after && m.seq() < before).toList();
        int from = newest ? Math.max(0, range.size() - limit) : 0;
        return List.copyOf(range.subList(from, Math.min(range.size(), from + limit)));
    }

    @Override
    public CompletableFuture<StreamHead> markRead(StreamKey key, long upTo) {
        return write(() -> {
            synchronized (this) {
                Stream stream = streams.get(key);
                if (stream != null) {
                    stream.readUpTo = Math.max(stream.readUpTo, Math.min(upTo, stream.top));
                }
                return head(key);
            }
        });
    }

    @Override
    public CompletableFuture<Long> delete(StreamKey key) {
        return write(() -> deleteNow(key));
    }

    private synchronized long deleteNow(StreamKey key) {
        Stream stream = streams.get(key);
        if (stream == null) {
            return 0L;
        }
        long removed = stream.messages.size();
        for (StoredMessage message : stream.messages) {
            bytes -= 2L * message.frame().length();
        }
        stream.messages.clear();
        stream.readUpTo = stream.top; // the position stays, so a seq is never given twice
        return removed;
    }

    @Override
    public synchronized InboxStats stats() {
        Held oldest = oldestFirst.peekFirst();
        return new InboxStats(bytes, oldest == null ? 0 : oldest.ts());
    }

    /** Lets the writes already queued finish. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
