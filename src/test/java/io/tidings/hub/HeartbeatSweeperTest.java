package io.tidings.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tidings.close.CloseReason;
import io.tidings.config.SessionPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatSweeperTest {

    @Test
    void closesOnlySessionsSilentForTheIdleTimeOnTheMonotonicClock() {
        Hub hub = new Hub(SessionPolicy.ALL, 16, HubListener.NONE);
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        FakeConnection quiet = new FakeConnection("q", "1");
        FakeConnection chatty = new FakeConnection("c", "2");
        quiet.lastSeen = now.get();
        chatty.lastSeen = now.get();
        hub.register(quiet);
        hub.register(chatty);
        HeartbeatSweeper sweeper = new HeartbeatSweeper(hub, Duration.ofSeconds(125), Duration.ofSeconds(60), now::get);

        now.addAndGet(Duration.ofSeconds(124).toNanos());
        chatty.lastSeen = now.get();
        assertEquals(0, sweeper.sweep());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(1, sweeper.sweep());
        assertEquals(CloseReason.HEARTBEAT_TIMEOUT, quiet.closedWith.get());
        assertNull(chatty.closedWith.get());
    }

    /**
     * A session silent for the idle time less two intervals is pinged at every sweep, so at least one ping goes out
     * before a sweep could close it, even when sweeps drift late; a client that answers stays.
     */
    @Test
    void pingsSessionsSilentForTheIdleTimeLessTwoIntervals() {
        Hub hub = new Hub(SessionPolicy.ALL, 16, HubListener.NONE);
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        FakeConnection quiet = new FakeConnection("q", "1");
        quiet.lastSeen = now.get();
        hub.register(quiet);
        HeartbeatSweeper sweeper = new HeartbeatSweeper(hub, Duration.ofSeconds(125), Duration.ofSeconds(60), now::get);

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        sweeper.sweep();
        assertEquals(0, quiet.pings.get(), "silent 4 s");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        sweeper.sweep();
        assertEquals(1, quiet.pings.get(), "silent 5 s: 125 - 2 x 60");
        now.addAndGet(Duration.ofSeconds(61).toNanos()); // a late sweep; no pong came
        sweeper.sweep();
        assertEquals(2, quiet.pings.get(), "pinged again while short of the idle time");
        quiet.lastSeen = now.get(); // the pong
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(0, sweeper.sweep());
        assertNull(quiet.closedWith.get());
        now.addAndGet(Duration.ofSeconds(65).toNanos()); // and no answer to the last two pings
        assertEquals(1, sweeper.sweep());
        assertEquals(CloseReason.HEARTBEAT_TIMEOUT, quiet.closedWith.get());
    }
}
