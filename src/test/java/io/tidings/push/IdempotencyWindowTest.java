package io.tidings.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyWindowTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final IdempotencyWindow window = new IdempotencyWindow(now::get);
    final AtomicInteger deliveries = new AtomicInteger();

    Receipt deliver() {
        return new Receipt("m" + deliveries.incrementAndGet(), 3);
    }

    @Test
    void aRetryWithinTheWindowDeliversNothingAndGetsTheFirstReceipt() {
        Receipt first = window.once("k", this::deliver);
        Receipt retry = window.once("k", this::deliver);
        assertEquals(1, deliveries.get());
        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.id(), retry.id());
        assertEquals(3, retry.delivered());
        window.once("other", this::deliver);
        assertEquals(2, deliveries.get());
    }

    @Test
    void afterTheWindowTheKeyIsForgotten() {
        window.once("k", this::deliver);
        now.addAndGet(IdempotencyWindow.WINDOW.toNanos() + 1);
        assertFalse(window.once("k", this::deliver).duplicate());
        assertEquals(2, deliveries.get());
        assertEquals(1, window.size());
    }

    @Test
    void aFailedFirstTryLetsTheRetryDeliver() {
        assertThrows(IllegalStateException.class, () -> window.once("k", () -> {
            throw new IllegalStateException("broker down");
        }));
        assertFalse(window.once("k", this::deliver).duplicate());
        assertEquals(1, deliveries.get());
    }

    @Test
    void aRetryDuringTheFirstTryWaitsForItsReceipt() throws Exception {
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Receipt> first = CompletableFuture.supplyAsync(() -> window.once("k", () -> {
            delivering.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return deliver();
        }));
        assertTrue(delivering.await(10, TimeUnit.SECONDS));
        CompletableFuture<Receipt> retry = CompletableFuture.supplyAsync(() -> window.once("k", this::deliver));
        release.countDown();
        assertEquals(first.get(10, TimeUnit.SECONDS).id(), retry.get(10, TimeUnit.SECONDS).id());
        assertTrue(retry.get().duplicate());
        assertEquals(1, deliveries.get());
    }

    @Test
    void sizeIsBounded() {
        for (int i = 0; i < IdempotencyWindow.CAPACITY + 10; i++) {
            window.once("k" + i, () -> new Receipt("m", 0));
        }
        assertEquals(IdempotencyWindow.CAPACITY, window.size());
    }
}
