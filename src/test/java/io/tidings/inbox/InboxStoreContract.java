package io.tidings.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.InboxSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InboxStore} promises (its Javadoc), checked against each implementation: a subclass makes
 * the store under test with the given settings and clock.
 */
public abstract class InboxStoreContract {
    protected static final Duration KEY_WINDOW = Duration.ofMinutes(5);
    protected static final StreamKey ALICE = StreamKey.uid("alice");
    protected static final StreamKey BOB = StreamKey.uid("bob");
    protected static final StreamKey ROOM = StreamKey.group("room-7");

    protected final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
    private final List<InboxStore> opened = new ArrayList<>();

    /** A store with these limits (TIDINGS_INBOX_MAX, TTL, MAX_BYTES), on the test's clock. */
    protected abstract InboxStore create(InboxSettings settings);

    protected InboxStore store(int maxPerStream, Duration ttl, long maxBytes) {
        InboxStore store = create(new InboxSettings(InboxSettings.Store.MEMORY, null, maxPerStream, ttl, maxBytes,
                InboxSettings.Fsync.COMMIT, java.time.Duration.ofMillis(5), 300));
        opened.add(store);
        return store;
    }

    protected InboxStore store() {
        return store(1000, Duration.ofDays(30), 1L << 30);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(InboxStore::close);
    }

    protected static Append entry(StreamKey stream, String id) {
        return new Append(stream, id, 1_767_225_600_000L, "{\"event\":\"e\",\"id\":\"" + id + "\"}", null);
    }

    protected static List<Appended> append(InboxStore store, Append... entries) throws Exception {
        return store.append(List.of(entries)).get(10, TimeUnit.SECONDS);
    }

    protected static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }

    @Test
    void seqsAreConsecutivePerStreamAndTheFrameCarriesThemWithTheEpoch() throws Exception {
        InboxStore store = store();
        List<Appended> first = append(store, entry(ALICE, "m1"), entry(BOB, "m2"), entry(ALICE, "m3"));
        assertEquals(List.of(1L, 1L, 2L), first.stream().map(Appended::seq).toList());
        Appended third = append(store, entry(ALICE, "m4")).get(0);
        assertEquals(3, third.seq());
        JsonObject frame = json(third.frame());
        assertEquals("m4", frame.getString("id"));
        assertEquals(3, frame.getInt("seq"));
        assertEquals(third.epoch(), frame.getString("epoch"));
        assertEquals(first.get(0).epoch(), third.epoch(), "one epoch while the store keeps the stream");
        assertFalse(third.duplicate());
    }

    @Test
    void anEmptyStreamStandsAtZeroInTheStoresEpoch() throws Exception {
        InboxStore store = store();
        StreamHead head = store.head(StreamKey.uid("nobody"));
        assertEquals(0, head.top());
        assertEquals(0, head.unread());
        assertEquals(1, head.first());
        String epoch = append(store, entry(StreamKey.uid("nobody"), "m1")).get(0).epoch();
        assertEquals(epoch, head.epoch(), "a position taken before the first message stays valid");
    }

    @Test
    void headCountsUnreadAndReadMarksNeverGoBackNorPastTheTop() throws Exception {
        InboxStore store = store();
        for (int i = 1; i <= 5; i++) {
            append(store, entry(ALICE, "m" + i));
        }
        assertEquals(5, store.head(ALICE).unread());
        assertEquals(2, store.markRead(ALICE, 3).get(10, TimeUnit.SECONDS).unread());
        assertEquals(2, store.markRead(ALICE, 1).get(10, TimeUnit.SECONDS).unread(), "never backwards");
        StreamHead all = store.markRead(ALICE, 99).get(10, TimeUnit.SECONDS);
        assertEquals(0, all.unread());
        assertEquals(5, all.readUpTo(), "never past the top");
        append(store, entry(ALICE, "m6"));
        assertEquals(1, store.head(ALICE).unread());
    }

    @Test
    void readPagesOldestOrNewestFirstWithinTheRange() throws Exception {
        InboxStore store = store();
        for (int i = 1; i <= 10; i++) {
            append(store, entry(ALICE, "m" + i));
        }
        assertEquals(List.of(4L, 5L, 6L), seqs(store.read(ALICE, 3, Long.MAX_VALUE, 3, false)));
        assertEquals(List.of(8L, 9L, 10L), seqs(store.read(ALICE, 0, Long.MAX_VALUE, 3, true)));
        assertEquals(List.of(5L, 6L), seqs(store.read(ALICE, 0, 7, 2, true)));
        assertEquals(List.of(), seqs(store.read(BOB, 0, Long.MAX_VALUE, 3, false)));
        assertEquals("m4", json(store.read(ALICE, 3, 5, 1, false).get(0).frame()).getString("id"));
    }

    @Test
    void retentionByCountDropsTheOldestAndKeepsTheTop() throws Exception {
        InboxStore store = store(3, Duration.ofDays(30), 1L << 30);
        for (int i = 1; i <= 5; i++) {
            append(store, entry(ALICE, "m" + i));
        }
        StreamHead head = store.head(ALICE);
        assertEquals(5, head.top());
        assertEquals(3, head.first());
        assertEquals(List.of(3L, 4L, 5L), seqs(store.read(ALICE, 0, Long.MAX_VALUE, 10, false)));
    }

    @Test
    void aGroupStreamIsOneStreamHoweverManyMembers() throws Exception {
        InboxStore store = store();
        append(store, entry(ROOM, "g1"));
        append(store, entry(ROOM, "g2"));
        assertEquals(2, store.head(ROOM).top());
        assertEquals(0, store.head(ALICE).top());
    }

    @Test
    void deletionRemovesTheMessagesButNeverGivesASeqTwice() throws Exception {
        InboxStore store = store();
        append(store, entry(ALICE, "m1"));
        append(store, entry(ALICE, "m2"));
        append(store, entry(BOB, "b1"));
        assertEquals(2L, store.delete(ALICE).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), store.read(ALICE, 0, Long.MAX_VALUE, 10, false));
        assertEquals(0, store.head(ALICE).unread());
        assertEquals(3, append(store, entry(ALICE, "m3")).get(0).seq());
        assertEquals(1, store.read(BOB, 0, Long.MAX_VALUE, 10, false).size(), "others keep theirs");
    }

    @Test
    void anIdempotencyKeyStoresOnceAndAnswersTheFirstEntries() throws Exception {
        InboxStore store = store();
        Append keyed = new Append(ALICE, "m1", 1L, "{\"event\":\"e\"}", "order-7");
        Appended first = append(store, keyed).get(0);
        Appended again = append(store, new Append(ALICE, "m2", 2L, "{\"event\":\"e\"}", "order-7")).get(0);
        assertTrue(again.duplicate());
        assertEquals("m1", again.id());
        assertEquals(first.seq(), again.seq());
        assertEquals(1, store.head(ALICE).top());
        clock.addAndGet(KEY_WINDOW.toMillis() + 1);
        assertFalse(append(store, new Append(ALICE, "m3", 3L, "{\"event\":\"e\"}", "order-7")).get(0).duplicate(),
                "forgotten after the window");
    }

    @Test
    void completionsComeInCommitOrder() throws Exception {
        InboxStore store = store();
        List<Long> seen = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(store.append(List.of(entry(ALICE, "m" + i))).thenAccept(done -> {
                synchronized (seen) {
                    seen.add(done.get(0).seq());
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList(), seen);
    }

    @Test
    void whatAnAppendRunsOnceStoredRunsInCommitOrderWhateverThreadAppended() throws Exception {
        InboxStore store = store();
        List<Long> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        List<CompletableFuture<?>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread appender = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    all.add(store.append(List.of(entry(ALICE, "m")), done -> {
                        synchronized (seen) {
                            seen.add(done.get(0).seq());
                            threads.add(Thread.currentThread().getName());
                        }
                        return done;
                    }));
                }
            }, "appender-" + t);
            appenders.add(appender);
            appender.start();
        }
        for (Thread appender : appenders) {
            appender.join(30_000);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(IntStream.rangeClosed(1, 2000).mapToObj(i -> (long) i).toList(), seen);
        assertTrue(threads.stream().noneMatch(name -> name.startsWith("appender-")),
                "never on the appending thread: " + threads.stream().distinct().toList());
    }

    @Test
    void messagesPastTheirAgeAreDropped() throws Exception {
        InboxStore store = store(1000, Duration.ofHours(1), 1L << 30);
        append(store, new Append(ALICE, "old", clock.get(), "{\"event\":\"e\"}", null));
        clock.addAndGet(Duration.ofHours(2).toMillis());
        append(store, new Append(ALICE, "new", clock.get(), "{\"event\":\"e\"}", null));
        awaitFirst(store, ALICE, 2);
        assertEquals(2, store.head(ALICE).top());
        assertEquals(List.of(2L), seqs(store.read(ALICE, 0, Long.MAX_VALUE, 10, false)));
    }

    @Test
    void aStreamWhoseEveryMessageExpiredKeepsItsTop() throws Exception {
        InboxStore store = store(1000, Duration.ofHours(1), 1L << 30);
        append(store, new Append(ALICE, "old-1", clock.get(), "{\"event\":\"e\"}", null));
        append(store, new Append(ALICE, "old-2", clock.get(), "{\"event\":\"e\"}", null));
        clock.addAndGet(Duration.ofHours(2).toMillis());
        append(store, new Append(BOB, "other", clock.get(), "{\"event\":\"e\"}", null));
        awaitFirst(store, ALICE, 3);
        assertEquals(2, store.head(ALICE).top(), "the top outlives the messages");
        assertEquals(0, store.head(ALICE).unread());
        assertEquals(3, append(store, new Append(ALICE, "new", clock.get(), "{\"event\":\"e\"}", null)).get(0).seq());
    }

    /** Some stores drop on their own schedule: waits (bounded) until the stream's first retained seq is this. */
    void awaitFirst(InboxStore store, StreamKey stream, long first) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (store.head(stream).first() != first && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(first, store.head(stream).first());
    }

    @Test
    void statsSayTheSizeAndTheOldestMessage() throws Exception {
        InboxStore store = store();
        append(store, new Append(ALICE, "m1", clock.get(), "{\"event\":\"e\"}", null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (store.stats().oldestTs() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(store.stats());
        assertEquals(clock.get(), store.stats().oldestTs());
        assertTrue(store.stats().bytes() > 0);
    }

    protected static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }
}
