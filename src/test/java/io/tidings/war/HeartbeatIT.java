package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Heartbeat on the deployment with TIDINGS_HEARTBEAT_IDLE = 2 s and TIDINGS_HEARTBEAT_INTERVAL = 1 s. A session
 * that has sent nothing for IDLE - INTERVAL is sent a ping frame, and the pong its client's library answers with
 * counts as life: that is how a client keeping alive with ping frames of its own is seen in a WAR too, where
 * the Jakarta API hides a client's pings from Tidings. A client that answers nothing is closed 4005. Each
 * container has an idle timeout of its own, closing with a code of its choosing (1000, 1001, 1006...); Tidings
 * sets it to a backstop well behind its sweeper, so a silent client always gets 4005.
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

    /** A raw client answers no ping: it is pinged, then closed 4005 once the idle time has passed. */
    @Test
    void aSessionThatAnswersNothingIsPingedThenClosedHeartbeatTimeout() throws Exception {
        long started = System.nanoTime();
        try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor("b100"), 0)) {
            List<Integer> opcodes = new ArrayList<>();
            RawWebSocket.Frame frame;
            do {
                frame = client.readAnyFrame();
                opcodes.add(frame.opcode());
            } while (frame.opcode() != 8);
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(CloseReason.HEARTBEAT_TIMEOUT.code(), frame.closeCode());
            assertEquals(CloseReason.HEARTBEAT_TIMEOUT.text(), frame.text());
            assertTrue(opcodes.contains(9), "pinged before the close: " + opcodes);
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
        keptAliveBy("b102", remote -> remote.sendPong(ByteBuffer.wrap(new byte[] {1})));
    }

    /** How native clients (OkHttp, URLSession, Python websockets) keep alive: WebSocket ping frames only. */
    @Test
    void pingFramesKeepASessionAliveToo() throws Exception {
        keptAliveBy("b104", remote -> remote.sendPing(ByteBuffer.wrap(new byte[] {1})));
    }

    /** A control frame a client sends to keep alive. */
    private interface ControlFrame {
        void send(RemoteEndpoint.Basic remote) throws IOException;
    }

    /** The session stays open for three idle times while its client sends only this, every quarter idle time. */
    private static void keptAliveBy(String uid, ControlFrame frame) throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor(uid))) {
            long until = System.nanoTime() + IDLE.multipliedBy(3).toNanos();
            while (System.nanoTime() < until) {
                frame.send(client.session().getBasicRemote());
                Thread.sleep(IDLE.toMillis() / 4); // the client's heartbeat period, not synchronisation
            }
            assertTrue(client.isOpen(), "closed: " + WsClient.describe(client.closeFuture().getNow(null)));
            client.send("{\"event\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    /** A client that sends nothing, but whose library answers pings (as every browser's does), stays. */
    @Test
    void aQuietClientThatAnswersTheServersPingsStays() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("b105"))) {
            assertNull(client.poll(IDLE.multipliedBy(3)), "nothing is sent to a quiet client but pings");
            assertTrue(client.isOpen(), "closed: " + WsClient.describe(client.closeFuture().getNow(null)));
            client.send("{\"event\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    @Test
    void aSessionFallingSilentIsClosedOnceTheIdleTimeHasPassed() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor("b103"), 0)) {
            // Counted from before the ping: the server's silence starts when the ping reaches it, which a clock
            // started after the pong came back would place up to a round trip too late (1.9998 s seen on 2 s).
            long lastSeen = System.nanoTime();
            client.sendText("{\"event\":\"ping\"}");
            assertEquals("{\"event\":\"pong\"}", client.readFrame().text());
            RawWebSocket.Frame close = client.readUntilClose();
            Duration silent = Duration.ofNanos(System.nanoTime() - lastSeen);
            assertEquals(CloseReason.HEARTBEAT_TIMEOUT.code(), close.closeCode());
            assertTrue(silent.compareTo(IDLE) >= 0, "closed after " + silent + " of silence");
            assertTrue(silent.compareTo(IDLE.plus(INTERVAL).plusSeconds(3)) < 0, "closed only after " + silent);
        }
    }
}
