package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RawHttp;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/push on the direct transport's selector thread ({@link SelectorPush}), at the HTTP level: a body that
 * arrives after its headers, requests pipelined on one connection, a chunked body left to the servlet, and a
 * client that leaves halfway. The answers themselves are {@code PushApiTest}'s, which runs over this path too.
 */
class SelectorPushTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String push(String uid, String event) {
        return "{\"uid\":\"" + uid + "\",\"event\":\"" + event + "\"}";
    }

    static String length(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
    }

    @Test
    void aBodyThatArrivesAfterItsHeadersIsReadWhenItComes() throws Exception {
        String body = push("dp-late", "late");
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-late"));
             RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            // With Expect: 100-continue the server asks for the body only once it reads it: the body cannot
            // have come with the headers.
            http.write(RawHttp.Connection.postHead("api/push", length(body) + "Expect: 100-continue\r\n"));
            assertTrue(http.head().startsWith("HTTP/1.1 100"));
            http.write(body.substring(0, 10)).write(body.substring(10));
            Reply reply = http.reply();
            assertEquals(200, reply.status(), reply.body());
            assertEquals(1, reply.json().getInt("delivered"));
            assertEquals("late", client.nextJson().getString("event"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        String first = push("dp-pipe", "first");
        String bad = "{\"uid\":\"dp-pipe\"}";
        String third = "{\"all\":true,\"event\":\"third\"}";
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-pipe"));
             RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            // The third goes to everyone, so it is delivered on a pool thread: its answer must still come last.
            http.write(RawHttp.Connection.postHead("api/push", length(first)) + first
                    + RawHttp.Connection.postHead("api/push", length(bad)) + bad
                    + RawHttp.Connection.postHead("api/push", length(third)) + third);
            assertEquals(200, http.reply().status());
            Reply refused = http.reply();
            assertEquals(400, refused.status());
            assertTrue(refused.error().startsWith("event is required"), refused.body());
            assertEquals(200, http.reply().status());
            assertEquals("first", client.nextJson().getString("event"));
            assertEquals("third", client.nextJson().getString("event"));
        }
    }

    @Test
    void aRefusedRequestWhoseBodyFollowsLeavesTheConnectionUsable() throws Exception {
        // Jetty ends a connection whose request was not read to its end: a refusal sent before the body arrived
        // would leave the client's next request on it to find it closed. So the body is read first.
        String body = push("dp-refused", "refused");
        String next = push("dp-refused", "next");
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-refused"));
             RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            http.write(RawHttp.Connection.postHead("api/push", "not-the-key", length(body)));
            assertTrue(http.silentFor(Duration.ofMillis(300)), "answered before the body was read");
            assertEquals(401, http.write(body).reply().status());
            assertEquals(200, http.write(RawHttp.Connection.postHead("api/push", length(next)) + next)
                    .reply().status());
            assertEquals("next", client.nextJson().getString("event"));
        }
    }

    @Test
    void aChunkedBodyIsLeftToTheServletAndDelivered() throws Exception {
        String body = push("dp-chunked", "chunked");
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-chunked"));
             RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            http.write(RawHttp.Connection.postHead("api/push", "Transfer-Encoding: chunked\r\n")
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
            Reply reply = http.reply();
            assertEquals(200, reply.status(), reply.body());
            assertEquals("chunked", client.nextJson().getString("event"));
        }
    }

    @Test
    void aBodyLongerThanTheSelectorParsesIsLeftToTheServletAndDelivered() throws Exception {
        String note = "n".repeat(SelectorPush.INLINE_BODY);
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-long"))) {
            Reply reply = ApiClient.of(server).post("api/push",
                    "{\"uid\":\"dp-long\",\"event\":\"long\",\"data\":{\"note\":\"" + note + "\"}}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(note, client.nextJson().getJsonObject("data").getString("note"));
        }
    }

    @Test
    void aClientThatLeavesHalfwayThroughItsBodyDeliversNothingAndHarmsNobody() throws Exception {
        String body = push("dp-gone", "never");
        try (WsClient client = WsClient.connectOnline(server.wsFor("dp-gone"))) {
            try (RawHttp.Connection http = new RawHttp.Connection(server.http())) {
                http.write(RawHttp.Connection.postHead("api/push", length(body)) + body.substring(0, 12));
            }
            Reply next = ApiClient.of(server).post("api/push", push("dp-gone", "after"));
            assertEquals(200, next.status(), next.body());
            assertEquals("after", client.nextJson().getString("event"));
            assertNull(client.poll(Duration.ofMillis(200)));
        }
    }

    @Test
    void aClientThatLeavesHalfwayLeavesNoWarningInTheLog() throws Exception {
        // A client gone is no fault of the server: the servlet path logs nothing for it, and neither may this one
        // (anyone can do it, before the body's key is even looked at).
        String apiKey = "direct-push-log-api-key-0123";
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", TestServer.KEY,
                "TIDINGS_API_KEY", apiKey, "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1",
                "TIDINGS_INBOX", "memory"))) {
            URI base = URI.create("http://127.0.0.1:" + launcher.awaitPort(Duration.ofSeconds(60)) + "/");
            String body = push("dp-log", "never");
            try (RawHttp.Connection http = new RawHttp.Connection(base)) {
                http.write(RawHttp.Connection.postHead("api/push", apiKey, length(body)) + body.substring(0, 12));
            }
            try (RawHttp.Connection http = new RawHttp.Connection(base)) {
                String after = push("dp-log", "after");
                assertEquals(200, http.write(RawHttp.Connection.postHead("api/push", apiKey, length(after)) + after)
                        .reply().status());
            }
            launcher.terminate(Duration.ofSeconds(30));
            String output = launcher.output();
            assertFalse(output.contains(":WARN :") || output.contains("EofException"), output);
        }
    }
}
