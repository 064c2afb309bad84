package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Heartbeat on the deployment with TIDINGS_HEARTBEAT_IDLE = 2 s and TIDINGS_HEARTBEAT_INTERVAL = 1 s. Each
 * container has an idle timeout of its own, closing with a code of its choosing (1000, 1001, 1006...);
 * Tidings sets it to a backstop well behind its sweeper, so a silent client always gets 4005.
 */
@ExtendWith(ContainerExtension.class)
class HeartbeatIT {
    static final Duration IDLE = ContainerRun.HEARTBEAT_IDLE;
    static final Duration INTERVAL = ContainerRun.HEARTBEAT_INTERVAL;
    static Deployment tidings;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.heartbeat();
    }

    @Test
    void aSilentSessionIsClosedHeartbeatTimeoutAfterTheIdleTime() throws Exception {
        long started = System.nanoTime();
        try (WsClient client = WsClient.connect(tidings.wsFor("b100"))) {
            Expect.closed(client, CloseReason.HEARTBEAT_TIMEOUT);
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(after.compareTo(IDLE) >= 0, "closed after " + after + ", before the idle time " + IDLE);
        }
    }

    @Test
    void pingEventsKeepASessionAlivePastTheIdleTime() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("b101"))) {
            long until = System.nanoTime() + IDLE.multipliedBy(2).toNanos();
            while (System.nanoTime() < until) {
                client.send("{\"event\":\"ping\"}");
                assertEquals("pong", client.nextJson().getString("event"));
                // The pause is the client's heartbeat period, not synchronisation.
                Thread.sleep(IDLE.toMillis() / 4);
            }
            assertTrue(client.isOpen(), "closed: " + WsClient.describe(client.closeFuture().getNow(null)));
        }
    }

    @Test
    void pongFramesKeepASessionAliveToo() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("b102"))) {
            long until = System.nanoTime() + IDLE.multipliedBy(2).toNanos();
            while (System.nanoTime() < until) {
                client.session().getBasicRemote().sendPong(ByteBuffer.wrap(new byte[] {1}));
                Thread.sleep(IDLE.toMillis() / 4);
            }
            client.send("{\"event\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    @Test
    void aSessionFallingSilentIsClosedOnceTheIdleTimeHasPassed() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("b103"))) {
            client.send("{\"event\":\"ping\"}");
            client.next();
            long lastSeen = System.nanoTime();
            Expect.closed(client, CloseReason.HEARTBEAT_TIMEOUT);
            Duration silent = Duration.ofNanos(System.nanoTime() - lastSeen);
            assertTrue(silent.compareTo(IDLE) >= 0, "closed after " + silent + " of silence");
            assertTrue(silent.compareTo(IDLE.plus(INTERVAL).plusSeconds(3)) < 0, "closed only after " + silent);
        }
    }
}
