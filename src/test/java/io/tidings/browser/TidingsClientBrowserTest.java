package io.tidings.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.testing.Chromium;
import io.tidings.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** webapp/tidings.js on its own, in Chromium: its close-code table, backoff, URLs and heartbeat. */
class TidingsClientBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() throws Exception {
        // A short idle limit, so that the heartbeat's effect shows within seconds.
        startBrowserAndServer(Map.of("TIDINGS_HEARTBEAT_IDLE", "2", "TIDINGS_HEARTBEAT_INTERVAL", "1"));
    }

    /** The demo page without a token: it loads tidings.js and connects nothing by itself. */
    static void openIdlePage() {
        chromium.open(server.http().toString());
        assertEquals("idle", chromium.statusAttribute());
    }

    @Test
    void theClientsFinalCodesAreExactlyTheServersNoReconnectCodes() {
        openIdlePage();
        for (CloseReason reason : CloseReason.values()) {
            assertEquals(!reason.reconnect(), chromium.script("return Tidings.isFinal(arguments[0])", reason.code()),
                    reason + " (" + reason.code() + ")");
        }
        // What the browser reports when the connection simply dropped: worth retrying.
        assertEquals(false, chromium.script("return Tidings.isFinal(1006)"));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        openIdlePage();
        long previousLow = 0;
        for (int attempt = 0; attempt <= 12; attempt++) {
            long ceiling = Math.min(30_000, 500L << attempt);
            long low = ((Number) chromium.script(
                    "return Tidings.backoffDelay(arguments[0], Tidings.defaults, function () { return 0; })", attempt))
                    .longValue();
            long high = ((Number) chromium.script(
                    "return Tidings.backoffDelay(arguments[0], Tidings.defaults, function () { return 0.9999; })",
                    attempt)).longValue();
            assertEquals(ceiling / 2, low, "attempt " + attempt);
            assertTrue(high <= ceiling && high >= ceiling * 0.99, "attempt " + attempt + ": " + high);
            assertTrue(low >= previousLow, "never shrinks");
            previousLow = low;
        }
    }

    @Test
    void socketUrlsFollowThePageOrTheGivenServer() {
        openIdlePage();
        assertEquals("ws://127.0.0.1:" + server.port() + "/ws?uid=7&token=t%2Bx",
                chromium.script("return Tidings.socketUrl(null, '7', 't+x')"));
        assertEquals("wss://push.example.com/tidings/ws?token=abc",
                chromium.script("return Tidings.socketUrl('https://push.example.com/tidings', null, 'abc')"));
        assertEquals("ws://example.com/app/ws?uid=1&token=",
                chromium.script("return Tidings.socketUrl('http://example.com/app/', 1, null)"));
        assertEquals(false, chromium.script("return new Tidings.Client({ token: 'x' }).send('ping')"),
                "send before connecting says it sent nothing");
        assertEquals("ws://127.0.0.1:" + server.port() + "/ws?uid=7&token=t&since=5&epoch=e1",
                chromium.script("return Tidings.socketUrl(null, '7', 't', { seq: 5, epoch: 'e1' })"));
    }

    @Test
    void aReconnectResumesSoEveryMessageReachesThePageOnceAndInOrder() throws Exception {
        openIdlePage();
        chromium.script("window.got = []; window.c = Tidings.connect({ uid: '150', token: arguments[0],"
                + " storage: false, initialDelay: 300 });"
                + "window.c.on('reply', function (f) { window.got.push(f.data.n); });",
                TestServer.jwt("150", Duration.ofMinutes(5)));
        chromium.await("online", d -> "online".equals(chromium.script("return window.c.status")) ? "" : null);
        var api = io.tidings.testing.ApiClient.of(server);
        api.post("api/push", "{\"uid\":\"150\",\"event\":\"reply\",\"data\":{\"n\":1}}");
        chromium.await("the first message", d -> chromium.script("return window.got.length").equals(1L) ? "" : null);
        chromium.script("window.c.socket.close()"); // the connection drops; the client reconnects by itself
        chromium.await("the drop noticed", d -> "online".equals(chromium.script("return window.c.status")) ? null : "");
        api.post("api/push", "{\"uid\":\"150\",\"event\":\"reply\",\"data\":{\"n\":2}}");
        api.post("api/push", "{\"uid\":\"150\",\"event\":\"reply\",\"data\":{\"n\":3}}");
        chromium.await("online again", d -> "online".equals(chromium.script("return window.c.status")) ? "" : null);
        api.post("api/push", "{\"uid\":\"150\",\"event\":\"reply\",\"data\":{\"n\":4}}");
        chromium.await("four messages", d -> chromium.script("return window.got.length").equals(4L) ? "" : null);
        assertEquals(List.of(1L, 2L, 3L, 4L), chromium.script("return window.got"));
        assertEquals(4L, chromium.script("return window.c.position().seq"));
    }

    /**
     * A tab stays online past the server's idle limit whatever its pingInterval: tidings.js pings every
     * pingInterval (to find a dead connection itself), and the browser answers the pings the server sends a
     * session that has gone quiet, which count as life too.
     */
    @Test
    void aTabStaysOnlinePastTheIdleLimitWhetherOrNotItPings() throws Exception {
        openIdlePage();
        String connect = "var uid = arguments[0]; window.statuses = window.statuses || {};"
                + "var seen = window.statuses[uid] = [];"
                + "Tidings.connect({ uid: uid, token: arguments[1], pingInterval: arguments[2] })"
                + "  .onStatus(function (s) { seen.push(s.status + (s.code ? ' ' + s.code : '')); });";
        chromium.script(connect, "140", TestServer.jwt("140", Duration.ofMinutes(5)), 500);
        chromium.script(connect, "141", TestServer.jwt("141", Duration.ofMinutes(5)), 60_000);
        chromium.await("both tabs online", d -> server.tidings().hub().sessions("140").size()
                + server.tidings().hub().sessions("141").size() == 2);
        double pingsBefore = pingEvents();

        Thread.sleep(6_000); // three times the 2 s idle limit: the span the heartbeat is about, not a wait for an event

        assertEquals(List.of("connecting", "online"), chromium.script("return window.statuses['140']"));
        assertEquals(List.of("connecting", "online"), chromium.script("return window.statuses['141']"));
        assertEquals(1, server.tidings().hub().sessions("140").size());
        assertEquals(1, server.tidings().hub().sessions("141").size());
        assertTrue(pingEvents() - pingsBefore >= 6, "tidings.js pinged every 500 ms");
    }

    private static double pingEvents() throws Exception {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        server.tidings().metrics().writeText(text);
        java.util.regex.Matcher count = java.util.regex.Pattern.compile(
                "(?m)^tidings_inbound_events_total\\{event=\"ping\"} (\\S+)$").matcher(text.toString());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}
