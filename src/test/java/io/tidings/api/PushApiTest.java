package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.RawHttp;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** POST /api/push: every target kind, the frame sessions receive, and every error answer. */
class PushApiTest extends ApiTest {
    static final Duration QUIET = Duration.ofMillis(300);

    static void assertBadRequest(String body, String error) throws Exception {
        Reply reply = api.post("api/push", body);
        assertEquals(400, reply.status(), reply.body());
        assertEquals(error, reply.error());
    }

    @Test
    void pushToOneUidReachesItsSessionWithEventDataIdAndTs() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("p1"))) {
            long before = System.currentTimeMillis();
            Reply reply = api.post("api/push", "{\"uid\":\"p1\",\"event\":\"order.paid\",\"data\":{\"order\":7,\"note\":\"<b>\\\"hi\\\"</b>\"}}");
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            assertEquals(1, reply.json().getInt("delivered"));
            String frame = client.next();
            assertTrue(frame.startsWith("{\"event\":\"order.paid\",\"data\":{"), frame);
            JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(frame)).readObject();
            assertEquals(7, json.getJsonObject("data").getInt("order"));
            assertEquals("<b>\"hi\"</b>", json.getJsonObject("data").getString("note"));
            assertEquals(reply.json().getString("id"), json.getString("id"));
            assertTrue(json.getJsonNumber("ts").longValue() >= before);
            // Stored in the uid's inbox: its position there, as the push's answer says.
            assertEquals(reply.json().getJsonNumber("seq").longValue(), json.getJsonNumber("seq").longValue());
            assertEquals(reply.json().getString("epoch"), json.getString("epoch"));
            assertEquals(6, json.size(), frame);
        }
    }

    @Test
    void numericUidIsTheSameUidAndDataDefaultsToAnEmptyObject() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("42"))) {
            assertEquals(1, api.post("api/push", "{\"uid\":42,\"event\":\"hello\"}").json().getInt("delivered"));
            JsonObject frame = client.nextJson();
            assertEquals("hello", frame.getString("event"));
            assertEquals(0, frame.getJsonObject("data").size());
        }
    }

    @Test
    void offlineUidIsDeliveredToNobody() throws Exception {
        Reply reply = api.post("api/push", "{\"uid\":\"nobody-here\",\"event\":\"x\",\"data\":{}}");
        assertEquals(200, reply.status());
        assertEquals(0, reply.json().getInt("delivered"));
        assertTrue(reply.json().getString("id").length() > 2);
    }

    @Test
    void uidsReachEachListedUidOnceAndNobodyElse() throws Exception {
        try (WsClient a = WsClient.connectOnline(server.wsFor("u-a"));
             WsClient b = WsClient.connectOnline(server.wsFor("u-b"));
             WsClient c = WsClient.connectOnline(server.wsFor("u-c"))) {
            Reply reply = api.post("api/push", "{\"uids\":[\"u-a\",\"u-b\",\"u-a\",\"offline-1\"],\"event\":\"e\"}");
            assertEquals(2, reply.json().getInt("delivered"), reply.body());
            assertEquals("e", a.nextJson().getString("event"));
            assertEquals("e", b.nextJson().getString("event"));
            assertNull(a.poll(QUIET), "a duplicate uid must be delivered once");
            assertNull(c.poll(Duration.ZERO));
        }
    }

    @Test
    void allReachesEverySession() throws Exception {
        try (WsClient a = WsClient.connectOnline(server.wsFor("all-a"));
             WsClient b = WsClient.connectOnline(server.wsFor("all-b"))) {
            Reply reply = api.post("api/push", "{\"all\":true,\"event\":\"broadcast\",\"data\":{\"n\":1}}");
            assertEquals(200, reply.status());
            assertTrue(reply.json().getInt("delivered") >= 2, reply.body());
            assertEquals("broadcast", a.nextJson().getString("event"));
            assertEquals("broadcast", b.nextJson().getString("event"));
        }
    }

    @Test
    void targetMustBeExactlyOne() throws Exception {
        assertBadRequest("{\"event\":\"e\"}", "exactly one target is required: uid, uids, group or all");
        assertBadRequest("{\"uid\":\"1\",\"group\":\"g\",\"event\":\"e\"}",
                "exactly one target is required: uid, uids, group or all; got uid and group");
        assertBadRequest("{\"uids\":[\"1\"],\"all\":true,\"event\":\"e\"}",
                "exactly one target is required: uid, uids, group or all; got uids and all");
    }

    @Test
    void targetsOfTheWrongTypeAreNamed() throws Exception {
        String uidRule = "a string or whole number of 1 to 64 characters from A-Z a-z 0-9 _ . : @ -";
        assertBadRequest("{\"uid\":{\"id\":1},\"event\":\"e\"}", "uid must be " + uidRule);
        assertBadRequest("{\"uid\":1.5,\"event\":\"e\"}", "uid must be " + uidRule);
        assertBadRequest("{\"uid\":\"a b\",\"event\":\"e\"}", "uid must be " + uidRule);
        assertBadRequest("{\"uid\":null,\"event\":\"e\"}", "uid must be " + uidRule);
        assertBadRequest("{\"uids\":\"1\",\"event\":\"e\"}", "uids must be an array of 1 to 10000 elements");
        assertBadRequest("{\"uids\":[],\"event\":\"e\"}", "uids must be an array of 1 to 10000 elements");
        assertBadRequest("{\"uids\":[\"1\",true],\"event\":\"e\"}", "uids[1] must be " + uidRule);
        assertBadRequest("{\"group\":7,\"event\":\"e\"}", "group must be a string");
        assertBadRequest("{\"group\":\"no/slash\",\"event\":\"e\"}",
                "group name must be 1 to 64 characters from A-Z a-z 0-9 _ . : @ -");
        assertBadRequest("{\"all\":false,\"event\":\"e\"}", "all must be true (or left out)");
        assertBadRequest("{\"all\":\"true\",\"event\":\"e\"}", "all must be true (or left out)");
    }

    @Test
    void eventAndDataAreChecked() throws Exception {
        String eventRule = "event is required: a string of 1 to 64 characters, none of them a control character";
        assertBadRequest("{\"uid\":\"1\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":7}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"line\\nbreak\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"nul\\u0000\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"c1\\u0085\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"" + "回".repeat(65) + "\"}", eventRule);
        assertBadRequest("{\"uid\":\"1\",\"event\":\"e\",\"data\":[1]}", "data must be a JSON object");
        assertBadRequest("{\"uid\":\"1\",\"event\":\"e\",\"data\":\"text\"}", "data must be a JSON object");
        assertBadRequest("{\"uid\":\"1\",\"event\":\"e\",\"date\":{}}",
                "unknown field \"date\"; allowed: all, data, event, group, idempotencyKey, store, uid, uids");
    }

    @Test
    void bodyMustBeOneJsonObject() throws Exception {
        assertBadRequest("", "request body is empty: send a JSON object");
        assertBadRequest("{\"uid\":", "request body is not valid JSON: it ends too early");
        assertBadRequest("not json", "request body is not valid JSON (line 1, column 2)");
        assertBadRequest("7", "request body must be a JSON object");
        assertBadRequest("[{\"uid\":\"1\",\"event\":\"e\"}]", "request body must be a JSON object");
        assertBadRequest("{\"uid\":\"1\",\"event\":\"e\"} {}", "request body is not valid JSON (line 1, column 25)");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        // Over a plain socket with Expect: 100-continue, as careful clients send large bodies: the server refuses
        // on the Content-Length before any body is sent. (Sending the body regardless races the server's early
        // answer and close into a connection reset; and JDK 17's HttpClient hangs on expectContinue when the
        // answer is final rather than 100.)
        Reply reply = RawHttp.postHeadersOnly(server.http(), "api/push", TestServer.API_KEY, (1 << 20) + 100);
        assertEquals(413, reply.status());
        assertEquals("request body larger than 1048576 bytes (TIDINGS_API_MAX_BODY)", reply.error());
    }

    @Test
    void aWrongKeyIsRefusedBeforeTheBodyIsAskedFor() throws Exception {
        try (RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            http.write(RawHttp.Connection.postHead("api/push", "not-the-key",
                    "Expect: 100-continue\r\nContent-Length: 30\r\n"));
            Reply reply = http.reply();
            assertEquals(401, reply.status(), "no 100 Continue for a client that will be refused: " + reply.body());
            assertEquals("invalid API key", reply.error());
        }
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        Reply reply = api.get("api/push");
        assertEquals(405, reply.status());
        assertEquals("method GET not allowed here; use POST", reply.error());
        assertEquals("POST", reply.headers().firstValue("Allow").orElse(""));
        assertEquals(405, api.send("PUT", "api/push", "{}").status());
    }

    @Test
    void bodiesWithRepeatedKeysOrNestedTooDeepAreBadRequests() throws Exception {
        String error = "request body is not valid JSON, nests deeper than 64 levels or repeats a key";
        assertBadRequest("{\"uid\":\"a\",\"uid\":\"b\",\"event\":\"e\"}", error);
        assertBadRequest("{\"uid\":\"a\",\"event\":\"e\",\"data\":{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}}", error);
        Reply deepButAllowed = api.post("api/push", "{\"uid\":\"nobody\",\"event\":\"e\",\"data\":{\"x\":"
                + "[".repeat(30) + "]".repeat(30) + "}}");
        assertEquals(200, deepButAllowed.status(), deepButAllowed.body());
    }

    @Test
    void aRetriedPushWithTheSameIdempotencyKeyIsDeliveredOnce() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("idem"))) {
            String body = "{\"uid\":\"idem\",\"event\":\"note\",\"data\":{\"n\":1},\"idempotencyKey\":\"order-42\"}";
            Reply first = api.post("api/push", body);
            Reply retry = api.post("api/push", body);
            assertEquals(200, retry.status(), retry.body());
            assertEquals(first.json().getString("id"), retry.json().getString("id"));
            assertEquals(1, retry.json().getInt("delivered"));
            assertTrue(retry.json().getBoolean("duplicate"));
            assertFalse(first.json().containsKey("duplicate"));
            assertEquals("note", client.nextJson().getString("event"));
            assertNull(client.poll(QUIET), "the retry delivered nothing");
        }
        assertBadRequest("{\"uid\":\"a\",\"event\":\"e\",\"idempotencyKey\":\"\"}",
                "idempotencyKey must be 1 to 128 printable ASCII characters");
    }
}
