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
}
