package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.push.Target;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that stops reading is closed 4008 once its bounded outbound queue overflows; others carry on. */
public class SlowConsumerTest {
    public record Filler(String event, String data) {
    }

    @Test
    void aClientThatStopsReadingIsClosedSlowConsumerWhileOthersAreServed() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_SEND_QUEUE", "65536"));
             RawWebSocket stalled = RawWebSocket.connect(
                     server.ws("uid=slow&token=" + LegacyToken.issue("slow", TestServer.KEY)), 4096);
             WsClient healthy = WsClient.connect(server.wsFor("healthy"))) {
            assertTrue(stalled.handshakeStatus().contains("101"), stalled.handshakeStatus());
            String chunk = "x".repeat(8192);
            int sent = 0;
            // Bounded: socket buffers absorb a few MB at most; the queue limit is 64 KiB.
            while (!server.tidings().hub().sessions("slow").isEmpty() && sent < 20_000) {
                server.tidings().delivery().deliver(new Target.Uid("slow"), (id, ts) -> new Filler("fill", chunk));
                sent++;
            }
            assertTrue(server.tidings().hub().sessions("slow").isEmpty(), "stalled client dropped after " + sent);

            server.tidings().delivery().deliver(new Target.Uid("healthy"), (id, ts) -> new Filler("fine", "ok"));
            assertEquals("fine", healthy.nextJson().getString("event"));

            RawWebSocket.Frame close = stalled.readUntilClose();
            assertEquals(4008, close.closeCode());
            assertEquals("slow consumer", close.text());
        }
    }
}
