package io.tidings.inbox.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.Append;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.inbox.StreamKey;
import io.tidings.testing.RedisStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publishes to one Redis that wait together go as one script run, each with its own outcome (real redis-server). */
class PublishBatchesTest {
    /** Long enough that publishes made one after the other in a test always meet in one batch. */
    private static final Duration LINGER = Duration.ofMillis(300);
    private static final InboxSettings SETTINGS = new InboxSettings(InboxSettings.Store.REDIS, null, 1000,
            Duration.ofDays(1), Long.MAX_VALUE, InboxSettings.Fsync.COMMIT, Duration.ofMillis(5), 300);
    @RegisterExtension
    static final RedisStores REDIS = new RedisStores();
    private final RedisKeys keys = RedisStores.freshKeys();
    private RedisInbox inbox;

    @AfterEach
    void closeInbox() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void publishesWaitingTogetherAreOneScriptRunAndEachGetsItsOwnSeq() throws Exception {
        open(LINGER);
        inbox.publish(append("warm", "m0"), true, RedisInbox.Route.NONE).get(5, TimeUnit.SECONDS); // script loaded
        long runsBefore = scriptRuns();
        List<CompletableFuture<RedisInbox.Written>> writes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            writes.add(inbox.publish(append(i % 2 == 0 ? "even" : "odd", "m" + i), true, RedisInbox.Route.NONE));
        }
        List<Long> odd = new ArrayList<>();
        List<Long> even = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            RedisInbox.Written written = writes.get(i - 1).get(5, TimeUnit.SECONDS);
            assertEquals("m" + i, written.appended().id());
            (i % 2 == 0 ? even : odd).add(written.appended().seq());
        }
        assertEquals(List.of(1L, 2L, 3L), odd, "each stream's seqs in the order they were published");
        assertEquals(List.of(1L, 2L), even);
        assertEquals(1, scriptRuns() - runsBefore, "five publishes in one run");
    }

    @Test
    void aFullBatchLeavesWithoutWaitingForTheLinger() throws Exception {
        open(Duration.ofMinutes(5));
        List<CompletableFuture<RedisInbox.Written>> writes = new ArrayList<>();
        for (int i = 0; i < PublishBatches.MAX_PUBLISHES; i++) {
            writes.add(inbox.publish(append("full", "f" + i), true, RedisInbox.Route.NONE));
        }
        for (int i = 0; i < writes.size(); i++) {
            assertEquals(i + 1, writes.get(i).get(10, TimeUnit.SECONDS).appended().seq());
        }
    }

    @Test
    void aPublishThatFailsFailsAloneInItsBatch() throws Exception {
        open(LINGER);
        REDIS.server().command("SET", keys.meta(RedisKeys.unit(StreamKey.uid("broken"))), "not a hash");
        CompletableFuture<RedisInbox.Written> before = inbox.publish(append("fine", "a"), true, RedisInbox.Route.NONE);
        CompletableFuture<RedisInbox.Written> broken = inbox.publish(append("broken", "b"), true,
                RedisInbox.Route.NONE);
        CompletableFuture<RedisInbox.Written> after = inbox.publish(append("fine", "c"), true, RedisInbox.Route.NONE);
        assertEquals(1, before.get(5, TimeUnit.SECONDS).appended().seq());
        assertEquals(2, after.get(5, TimeUnit.SECONDS).appended().seq());
        ExecutionException failure = assertThrows(ExecutionException.class, () -> broken.get(5, TimeUnit.SECONDS));
        assertInstanceOf(InboxUnavailable.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().startsWith("redis"), failure.getCause().getMessage());
    }

    private void open(Duration linger) {
        inbox = new RedisInbox(REDIS.connections(), keys, SETTINGS, Duration.ofMinutes(5), System::currentTimeMillis,
                linger);
    }

    private static Append append(String uid, String id) {
        return new Append(StreamKey.uid(uid), id, System.currentTimeMillis(), "{\"event\":\"alertTip\"}", null);
    }

    /** Script runs Redis has counted (EVALSHA and EVAL). */
    private static long scriptRuns() throws Exception {
        Matcher calls = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)").matcher(REDIS.server().command("INFO",
                "commandstats"));
        long runs = 0;
        while (calls.find()) {
            runs += Long.parseLong(calls.group(1));
        }
        return runs;
    }
}
