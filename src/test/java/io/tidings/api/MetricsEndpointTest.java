package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /metrics: Prometheus text without a key, with every family the README lists, counting what happened. */
class MetricsEndpointTest extends ApiTest {
    static ApiClient anonymous;

    @BeforeAll
    static void anonymousClient() {
        anonymous = ApiClient.withAuthorization(server, null);
    }

    static double sample(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void everyFamilyIsExposedAndCounts() throws Exception {
        String before = anonymous.get("metrics").body();
        for (String outcome : new String[] {"delivered", "no_sessions", "invalid"}) {
            assertTrue(before.contains("\ntidings_push_requests_total{outcome=\"" + outcome + "\"} 0.0\n"), before);
        }
        try (WsClient client = WsClient.connectOnline(server.wsFor("m1"))) {
            WsClient.connect(server.ws("uid=m2&token=" + LegacyToken.issue("other", TestServer.KEY))).awaitClose();
            api.post("api/push", "{\"uid\":\"m1\",\"event\":\"e\"}");
            client.next();
            api.post("api/push", "{\"uid\":\"m-offline\",\"event\":\"e\"}");
            api.post("api/push", "{\"event\":\"e\"}");
            api.post("api/kick", "{\"uid\":\"m1\"}");
            client.awaitClose();
        }
        // The server counts a close when the handshake completes, which may be just after the client saw it.
        String closed = "tidings_sessions_closed_total{code=\"4006\",reason=\"kicked\"}";
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (sample(anonymous.get("metrics").body(), closed) == sample(before, closed) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Reply reply = anonymous.get("metrics");
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("text/plain; version=0.0.4"), reply.contentType());
        String after = reply.body();
        for (String family : new String[] {"tidings_sessions_live", "tidings_sessions_opened_total",
                "tidings_sessions_closed_total", "tidings_auth_failures_total", "tidings_inbound_events_total",
                "tidings_messages_delivered_total", "tidings_push_requests_total",
                "tidings_delivery_latency_seconds_bucket"}) {
            assertTrue(after.contains("\n" + family), family + " missing from\n" + after);
        }
        assertIncreasedBy(1, before, after, "tidings_sessions_opened_total");
        assertIncreasedBy(1, before, after, closed);
        assertIncreasedBy(1, before, after, "tidings_auth_failures_total{reason=\"token_invalid\"}");
        assertIncreasedBy(1, before, after, "tidings_inbound_events_total{event=\"ping\"}");
        assertIncreasedBy(1, before, after, "tidings_push_requests_total{outcome=\"delivered\"}");
        assertIncreasedBy(1, before, after, "tidings_push_requests_total{outcome=\"no_sessions\"}");
        assertIncreasedBy(1, before, after, "tidings_push_requests_total{outcome=\"invalid\"}");
        assertIncreasedBy(1, before, after, "tidings_messages_delivered_total");
        assertIncreasedBy(2, before, after, "tidings_delivery_latency_seconds_count");
    }

    /**
     * A close this side began is counted with the code it sent, whatever the client answers, or when it answers
     * nothing: a kicked client answering 1000 is still 4006 "kicked", a protocol error the client just walks
     * away from is still 1002.
     */
    @Test
    void aCloseTheServerBeganIsCountedWithTheCodeItSent() throws Exception {
        String kicked = "tidings_sessions_closed_total{code=\"4006\",reason=\"kicked\"}";
        String protocol = "tidings_sessions_closed_total{code=\"1002\",reason=\"protocol_error\"}";
        String before = anonymous.get("metrics").body();
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("m3"), 0)) {
            client.sendText("{\"event\":\"ping\"}");
            client.readFrame();
            api.post("api/kick", "{\"uid\":\"m3\"}");
            assertEquals(4006, client.readUntilClose().closeCode());
            client.sendFrame(8, new byte[] {0x03, (byte) 0xe8}); // answers 1000
            client.awaitEnd();
        }
        try (RawWebSocket client = RawWebSocket.connect(server.wsFor("m4"), 0)) {
            client.sendText("{\"event\":\"ping\"}");
            client.readFrame();
            client.sendRaw(RawWebSocket.frame(0x81, "{}".getBytes(StandardCharsets.UTF_8), false)); // unmasked
            assertEquals(1002, client.readUntilClose().closeCode());
        } // and goes without a word
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        String after = before;
        while ((sample(after, kicked) == sample(before, kicked) || sample(after, protocol) == sample(before, protocol))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            after = anonymous.get("metrics").body();
        }
        assertIncreasedBy(1, before, after, kicked);
        assertIncreasedBy(1, before, after, protocol);
        assertIncreasedBy(0, before, after, "tidings_sessions_closed_total{code=\"1000\",reason=\"kicked\"}");
        assertIncreasedBy(0, before, after, "tidings_sessions_closed_total{code=\"1006\",reason=\"protocol_error\"}");
    }

    static void assertIncreasedBy(double expected, String before, String after, String series) {
        assertEquals(expected, sample(after, series) - sample(before, series), series + " in\n" + after);
    }
}
