package io.tidings.inbox.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.Append;
import io.tidings.inbox.CommitObserver;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.InboxStoreContract;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.inbox.StreamKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: the contract, plus what only a file on disk can do (outlive the process, be locked, rot). */
class SqliteInboxTest extends InboxStoreContract {
    @TempDir
    Path dir;
    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected InboxStore create(InboxSettings settings) {
        return open(dir.resolve("store-" + stores.incrementAndGet()), settings.maxPerStream(), settings.ttl(),
                settings.maxBytes());
    }

    InboxStore open(Path dataDir, int maxPerStream, Duration ttl, long maxBytes) {
        return SqliteInbox.open(new InboxSettings(InboxSettings.Store.SQLITE, dataDir, maxPerStream, ttl, maxBytes,
                InboxSettings.Fsync.COMMIT, Duration.ofMillis(5), 300), KEY_WINDOW, clock::get, CommitObserver.NONE);
    }

    InboxStore open(Path dataDir) {
        return open(dataDir, 1000, Duration.ofDays(30), 1L << 30);
    }

    @Test
    void whatWasAcknowledgedOutlivesTheProcessInTheSameEpoch() throws Exception {
        Path data = dir.resolve("durable");
        String epoch;
        try (InboxStore store = open(data)) {
            epoch = append(store, entry(ALICE, "m1"), entry(ALICE, "m2")).get(1).epoch();
        }
        try (InboxStore store = open(data)) {
            assertEquals(2, store.head(ALICE).top());
            assertEquals(epoch, store.head(ALICE).epoch());
            assertEquals(3, append(store, entry(ALICE, "m3")).get(0).seq(), "seqs go on, never again from 1");
            assertEquals(List.of(1L, 2L, 3L), seqs(store.read(ALICE, 0, Long.MAX_VALUE, 10, false)));
        }
    }

    @Test
    void aDirectoryServesOneServerAtATime() {
        Path data = dir.resolve("shared");
        try (InboxStore first = open(data)) {
            InboxUnavailable refused = assertThrows(InboxUnavailable.class, () -> open(data));
            assertTrue(refused.getMessage().contains("TIDINGS_DATA_DIR " + data + " is in use"), refused.getMessage());
        }
        open(data).close(); // free again once the first is closed
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        InboxUnavailable refused = assertThrows(InboxUnavailable.class, () -> open(file));
        assertTrue(refused.getMessage().startsWith("TIDINGS_DATA_DIR " + file + " is not a writable directory"),
                refused.getMessage());
    }

    @Test
    void aFileThatIsNotAnInboxIsNamedNotOverwritten() throws Exception {
        Path data = Files.createDirectories(dir.resolve("corrupt"));
        byte[] garbage = "this is not a database, and it must stay as it is".repeat(200)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(data.resolve(Database.FILE), garbage);
        InboxUnavailable refused = assertThrows(InboxUnavailable.class, () -> open(data));
        assertTrue(refused.getMessage().contains(data.resolve(Database.FILE) + ": not a readable inbox database"),
                refused.getMessage());
        assertEquals(garbage.length, Files.size(data.resolve(Database.FILE)));
        open(dir.resolve("healthy")).close(); // the lock of the refused one was let go
        open(dir.resolve("healthy")).close();
    }

    @Test
    void sizeCapDropsTheOldestMessages() throws Exception {
        try (InboxStore store = open(dir.resolve("capped"), 100_000, Duration.ofDays(30), 2L << 20)) {
            String filler = "x".repeat(2000);
            for (int batch = 0; batch < 20; batch++) {
                List<Append> entries = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    entries.add(new Append(StreamKey.uid("u" + i), "m", clock.get(),
                            "{\"event\":\"e\",\"pad\":\"" + filler + "\"}", null));
                }
                store.append(entries).get(10, TimeUnit.SECONDS);
            }
            clock.addAndGet(10_000); // the next commit runs the upkeep
            append(store, entry(ALICE, "last"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (store.read(StreamKey.uid("u0"), 0, Long.MAX_VALUE, 100, false).size() == 20
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int kept = store.read(StreamKey.uid("u0"), 0, Long.MAX_VALUE, 100, false).size();
            assertTrue(kept < 20, "oldest dropped beyond the cap: " + kept + " of 20 kept");
            assertEquals(20, store.head(StreamKey.uid("u0")).top());
            assertEquals(1, store.read(ALICE, 0, Long.MAX_VALUE, 10, false).size(), "the newest stays");
        }
    }
}
