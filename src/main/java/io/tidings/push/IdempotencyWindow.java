package io.tidings.push;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers the receipts of recent pushes by the idempotency key their sender chose, so a backend that retries
 * a push after a timeout (not knowing whether the first try arrived) does not deliver it twice. Bounded in
 * time ({@link #WINDOW}) and in size ({@link #CAPACITY}, oldest keys forgotten first). A retry that arrives
 * while the first try is still delivering waits for its receipt.
 */
public final class IdempotencyWindow {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final int CAPACITY = 100_000;

    private record Entry(CompletableFuture<Receipt> receipt, long createdAt) {
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final LongSupplier nanoClock;

    public IdempotencyWindow(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Runs the delivery unless this key was delivered within the window; then answers that receipt, marked, once
     * it is there. A retry of a first try that failed runs as a first try.
     */
    public CompletableFuture<Receipt> once(String key, Supplier<CompletableFuture<Receipt>> delivery) {
        CompletableFuture<Receipt> mine = new CompletableFuture<>();
        Entry earlier = claim(key, mine);
        if (earlier != null) {
            return earlier.receipt().handle((receipt, failure) -> failure == null
                    ? CompletableFuture.completedFuture(receipt.asDuplicate()) : once(key, delivery))
                    .thenCompose(next -> next);
        }
        CompletableFuture<Receipt> started;
        try {
            started = delivery.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((receipt, failure) -> {
            if (failure != null) {
                forget(key, mine);
                mine.completeExceptionally(failure);
            } else {
                mine.complete(receipt);
            }
        });
        return mine;
    }

    private synchronized Entry claim(String key, CompletableFuture<Receipt> mine) {
        long now = nanoClock.getAsLong();
        expire(now);
        Entry earlier = entries.get(key);
        if (earlier != null) {
            return earlier;
        }
        entries.put(key, new Entry(mine, now));
        if (entries.size() > CAPACITY) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return null;
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue().createdAt() > WINDOW.toNanos()) {
            oldest.remove();
        }
    }

    private synchronized void forget(String key, CompletableFuture<Receipt> mine) {
        entries.computeIfPresent(key, (k, entry) -> entry.receipt() == mine ? null : entry);
    }

    /** Keys currently remembered. */
    public synchronized int size() {
        return entries.size();
    }
}
