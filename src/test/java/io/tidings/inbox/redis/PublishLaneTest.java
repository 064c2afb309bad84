package io.tidings.inbox.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's ordering rules, behind a fake connection whose script runs the test answers by hand: batches leave in
 * order, and a run answered early waits for the runs sent before it, so a caller's publishes complete in order.
 */
class PublishLaneTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Reply> runs = Collections.synchronizedList(new ArrayList<>());
    private final PublishLane lane = new PublishLane(fakeRedis(), timer, Duration.ofMinutes(5));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aRunAnsweredBeforeAnEarlierOneWaitsForIt() {
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        List<PublishBatches.Pending> publishes = new ArrayList<>();
        for (int i = 0; i < 2 * PublishBatches.MAX_PUBLISHES; i++) {
            PublishBatches.Pending pending = pending("m" + i);
            int number = i;
            pending.done().thenRun(() -> completed.add(number));
            publishes.add(pending);
            lane.add(pending);
        }
        assertEquals(2, runs.size(), "two full batches left without the linger");
        assertEquals(1 + 21 * PublishBatches.MAX_PUBLISHES, runs.get(0).args().length,
                "a run carries its count, then a key count and 20 arguments per publish");

        runs.get(1).answer();
        assertTrue(completed.isEmpty(), "the second run's answers wait for the first run's");
        runs.get(0).answer();
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < publishes.size(); i++) {
            inOrder.add(i);
        }
        assertEquals(inOrder, completed);
        assertEquals("m" + (publishes.size() - 1), publishes.get(publishes.size() - 1).done().join().get(4));
    }

    @Test
    void aReplyOfTheWrongLengthFailsItsPublishesInsteadOfShiftingThem() {
        List<PublishBatches.Pending> publishes = new ArrayList<>();
        for (int i = 0; i < PublishBatches.MAX_PUBLISHES; i++) {
            publishes.add(pending("m" + i));
            lane.add(publishes.get(i));
        }
        runs.get(0).future().complete(List.of(1L, "e", 1L, 0L, "m0")); // one publish's values for 64
        for (PublishBatches.Pending pending : publishes) {
            assertTrue(pending.done().isCompletedExceptionally());
        }
    }

    private static PublishBatches.Pending pending(String id) {
        String[] args = new String[20];
        java.util.Arrays.fill(args, "0");
        args[2] = id;
        args[4] = "{}";
        return new PublishBatches.Pending(new String[] {"meta", "stream", "meta", "meta"}, args,
                new CompletableFuture<>());
    }

    /** One script run the fake connection took: its arguments, and its reply to give. */
    private record Reply(String[] args, TestFuture future) {
        /** Each publish of the run gets seq 1, epoch e, 1 delivered, not a duplicate, and its own id. */
        void answer() {
            int count = Integer.parseInt(args[0]);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.addAll(List.of(1L, "e", 1L, 0L, args[1 + i * 21 + 1 + 2]));
            }
            future.complete(values);
        }
    }

    /** A connection whose only command is the script run, answered by the test. */
    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<String, String> fakeRedis() {
        return (RedisClusterAsyncCommands<String, String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisClusterAsyncCommands.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("evalsha")) {
                        TestFuture future = new TestFuture();
                        runs.add(new Reply((String[]) arguments[3], future));
                        return future;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == arguments[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class TestFuture extends CompletableFuture<Object> implements RedisFuture<Object> {
        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            return isDone();
        }
    }
}
