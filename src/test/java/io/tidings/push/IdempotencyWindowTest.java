package io.tidings.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyWindowTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final IdempotencyWindow window = new IdempotencyWindow(now::get);
    final AtomicInteger deliveries = new AtomicInteger();

    CompletableFuture<Receipt> deliver() {
        return CompletableFuture.completedFuture(new Receipt("m" + deliveries.incrementAndGet(), 3));
    }

    Receipt once(String key) {
        return window.once(key, this::deliver).join();
    }

    @Test
    void aRetryWithinTheWindowDeliversNothingAndGetsTheFirstReceipt() {
        Receipt first = once("k");
        Receipt retry = once("k");
        assertEquals(1, deliveries.get());
        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.id(), retry.id());
        assertEquals(3, retry.delivered());
        once("other");
        assertEquals(2, deliveries.get());
    }

    @Test
    void afterTheWindowTheKeyIsForgotten() {
        once("k");
        now.addAndGet(IdempotencyWindow.WINDOW.toNanos() + 1);
        assertFalse(once("k").duplicate());
        assertEquals(2, deliveries.get());
        assertEquals(1, window.size());
    }

    @Test
    void aFailedFirstTryLetsTheRetryDeliver() {
        CompletionException failed = assertThrows(CompletionException.class, () -> window.once("k",
                () -> CompletableFuture.failedFuture(new IllegalStateException("broker down"))).join());
        assertTrue(failed.getCause() instanceof IllegalStateException);
        assertThrows(CompletionException.class, () -> window.once("k2", () -> {
            throw new IllegalStateException("broker down");
        }).join());
        assertFalse(once("k").duplicate());
        assertEquals(1, deliveries.get());
    }

    @Test
    void aRetryDuringTheFirstTryWaitsForItsReceipt() throws Exception {
        CompletableFuture<Receipt> firstTry = new CompletableFuture<>();
        CompletableFuture<Receipt> first = window.once("k", () -> firstTry);
        CompletableFuture<Receipt> retry = window.once("k", this::deliver);
        assertFalse(retry.isDone(), "the retry must wait for the first try");
        firstTry.complete(deliver().join());
        assertEquals(first.get(10, TimeUnit.SECONDS).id(), retry.get(10, TimeUnit.SECONDS).id());
        assertTrue(retry.get().duplicate());
        assertEquals(1, deliveries.get());
    }

    @Test
    void sizeIsBounded() {
        for (int i = 0; i < IdempotencyWindow.CAPACITY + 10; i++) {
            window.once("k" + i, () -> CompletableFuture.completedFuture(new Receipt("m", 0)));
        }
        assertEquals(IdempotencyWindow.CAPACITY, window.size());
    }
}
