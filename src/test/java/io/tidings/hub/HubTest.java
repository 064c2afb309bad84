package io.tidings.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.config.SessionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class HubTest {

    @Test
    void newestPolicyReplacesAndClosesThePrevious() {
        Hub hub = new Hub(SessionPolicy.NEWEST, 16, HubListener.NONE);
        FakeConnection first = new FakeConnection("a", "u");
        FakeConnection second = new FakeConnection("b", "u");
        hub.register(first);
        hub.register(second);
        assertEquals(CloseReason.UID_EXISTS, first.closedWith.get());
        assertNull(second.closedWith.get());
        assertEquals(List.of(second), hub.sessions("u"));
        assertEquals(1, hub.size());
    }

    @Test
    void aReplacedSessionsLateUnregisterNeverRemovesItsSuccessor() {
        Hub hub = new Hub(SessionPolicy.NEWEST, 16, HubListener.NONE);
        FakeConnection first = new FakeConnection("a", "u");
        FakeConnection second = new FakeConnection("b", "u");
        hub.register(first);
        hub.register(second);
        assertFalse(hub.unregister(first));
        assertEquals(List.of(second), hub.sessions("u"));
        assertTrue(hub.unregister(second));
        assertEquals(0, hub.size());
        assertEquals(0, hub.uidCount());
    }

    @Test
    void allPolicyKeepsEverySessionAndSendsToEach() {
        Hub hub = new Hub(SessionPolicy.ALL, 16, HubListener.NONE);
        FakeConnection one = new FakeConnection("a", "u");
        FakeConnection two = new FakeConnection("b", "u");
        hub.register(one);
        hub.register(two);
        assertEquals(2, hub.sendToUid("u", new OutboundText("x")));
        assertEquals(List.of("x"), one.sent);
        assertEquals(List.of("x"), two.sent);
        assertTrue(hub.unregister(one));
        assertEquals(List.of(two), hub.sessions("u"));
        assertEquals(1, hub.size());
    }

    @Test
    void allPolicyCapsSessionsPerUidByReplacingTheOldest() {
        Hub hub = new Hub(SessionPolicy.ALL, 2, HubListener.NONE);
        FakeConnection one = new FakeConnection("a", "u");
        FakeConnection two = new FakeConnection("b", "u");
        FakeConnection three = new FakeConnection("c", "u");
        hub.register(one);
        hub.register(two);
        hub.register(three);
        assertEquals(CloseReason.UID_EXISTS, one.closedWith.get());
        assertNull(two.closedWith.get());
        assertEquals(List.of(two, three), hub.sessions("u"));
        assertEquals(2, hub.size());
    }

    /** Racing registrations and unregistrations of one uid leave the counters and the map consistent. */
    @RepeatedTest(20)
    void racingRegistrationsLeaveExactlyTheLastOne() throws Exception {
        Hub hub = new Hub(SessionPolicy.NEWEST, 16, HubListener.NONE);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<FakeConnection> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            FakeConnection connection = new FakeConnection("c" + i, "u");
            all.add(connection);
            pool.submit(() -> {
                go.await();
                hub.register(connection);
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        List<FakeConnection> open = all.stream().filter(c -> c.closedWith.get() == null).toList();
        assertEquals(1, open.size());
        assertSame(open.get(0), hub.sessions("u").get(0));
        all.forEach(hub::unregister);
        assertEquals(0, hub.size());
        assertEquals(0, hub.uidCount());
    }
}
