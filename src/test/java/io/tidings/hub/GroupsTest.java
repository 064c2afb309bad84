package io.tidings.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Membership rules and limits, including under concurrent joins and leaves. */
class GroupsTest {
    @Test
    void joinLeaveAndMembers() {
        Groups groups = new Groups(10, 10, 100);
        assertEquals(Groups.Join.JOINED, groups.join("g", "b"));
        assertEquals(Groups.Join.JOINED, groups.join("g", "a"));
        assertEquals(Groups.Join.ALREADY_MEMBER, groups.join("g", "a"));
        assertEquals(List.of("a", "b"), groups.members("g"));
        assertTrue(groups.leave("g", "a"));
        assertFalse(groups.leave("g", "a"));
        assertFalse(groups.leave("unknown", "a"));
        assertTrue(groups.leave("g", "b"));
        assertEquals(List.of(), groups.members("g"));
        assertEquals(0, groups.groupCount());
        assertEquals(0, groups.membershipCount());
    }

    @Test
    void namesAreChecked() {
        assertTrue(Groups.isValidName("room-1.a_b:c@d"));
        assertFalse(Groups.isValidName(""));
        assertFalse(Groups.isValidName(null));
        assertFalse(Groups.isValidName("a/b"));
        assertFalse(Groups.isValidName("x".repeat(65)));
    }

    @Test
    void concurrentJoinsNeverExceedTheLimits() throws Exception {
        Groups groups = new Groups(100, 1000, 150);
        AtomicInteger joined = new AtomicInteger();
        runConcurrently(4, thread -> {
            for (int i = 0; i < 500; i++) {
                if (groups.join("g" + (i % 200), "u" + thread + "-" + i) == Groups.Join.JOINED) {
                    joined.incrementAndGet();
                }
            }
        });
        // Which limit bites first depends on the interleaving; neither may ever be passed, and the counters
        // must agree with the groups that really exist.
        long existing = java.util.stream.IntStream.range(0, 200).filter(g -> !groups.members("g" + g).isEmpty()).count();
        assertTrue(groups.groupCount() <= 100, "groups " + groups.groupCount());
        assertEquals(existing, groups.groupCount());
        assertEquals(150, groups.membershipCount());
        assertEquals(150, joined.get());
    }

    @Test
    void aJoinRacingTheLeaveThatEmptiesTheGroupIsNeverLost() throws Exception {
        Groups groups = new Groups(10, 10, 100);
        runConcurrently(2, thread -> {
            String uid = "u" + thread;
            for (int i = 0; i < 20_000; i++) {
                groups.join("g", uid);
                if (!groups.members("g").contains(uid)) {
                    throw new AssertionError("join of " + uid + " lost in iteration " + i);
                }
                groups.leave("g", uid);
            }
        });
        assertEquals(0, groups.groupCount());
        assertEquals(0, groups.membershipCount());
    }

    interface Work {
        void run(int thread);
    }

    static void runConcurrently(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CompletableFuture<?>[] done = new CompletableFuture<?>[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done[t] = CompletableFuture.runAsync(() -> work.run(thread), pool);
            }
            CompletableFuture.allOf(done).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
