package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/online, GET /api/sessions and POST /api/kick, under the "all" policy so a uid can have several. */
class PresenceApiTest {
    static final String UID_RULE = "1 to 64 characters from A-Z a-z 0-9 _ . : @ -";
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_SESSION_POLICY", "all"));
        api = ApiClient.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void onlineCountsTheUidsSessions() throws Exception {
        assertEquals("{\"uid\":\"o1\",\"online\":false,\"sessions\":0}", api.get("api/online?uid=o1").body());
        try (WsClient first = WsClient.connectOnline(server.wsFor("o1"));
             WsClient second = WsClient.connectOnline(server.wsFor("o1"))) {
            assertEquals("{\"uid\":\"o1\",\"online\":true,\"sessions\":2}", api.get("api/online?uid=o1").body());
            assertTrue(first.isOpen() && second.isOpen());
        }
    }

    @Test
    void sessionsListIdOpenedAtAndRemoteAddress() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (WsClient first = WsClient.connectOnline(server.wsFor("s1"));
             WsClient second = WsClient.connectOnline(server.wsFor("s1"))) {
            Reply reply = api.get("api/sessions?uid=s1");
            assertEquals(200, reply.status());
            assertEquals("s1", reply.json().getString("uid"));
            JsonArray sessions = reply.json().getJsonArray("sessions");
            assertEquals(2, sessions.size());
            for (JsonObject session : sessions.getValuesAs(JsonObject.class)) {
                assertTrue(session.getString("id").startsWith("s"), session.toString());
                assertTrue(Instant.parse(session.getString("openedAt")).isAfter(before), session.toString());
                assertEquals("127.0.0.1", session.getString("remoteAddress"));
            }
            assertNotEquals(sessions.getJsonObject(0).getString("id"), sessions.getJsonObject(1).getString("id"));
            assertTrue(first.isOpen() && second.isOpen());
        }
        assertEquals("{\"uid\":\"nobody\",\"sessions\":[]}", api.get("api/sessions?uid=nobody").body());
    }

    @Test
    void kickClosesEverySessionOfTheUidWith4006AndLeavesOthers() throws Exception {
        try (WsClient first = WsClient.connectOnline(server.wsFor("k1"));
             WsClient second = WsClient.connectOnline(server.wsFor("k1"));
             WsClient bystander = WsClient.connectOnline(server.wsFor("k2"))) {
            Reply reply = api.post("api/kick", "{\"uid\":\"k1\"}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("{\"uid\":\"k1\",\"kicked\":2}", reply.body());
            assertEquals("4006 kicked", WsClient.describe(first.awaitClose()));
            assertEquals("4006 kicked", WsClient.describe(second.awaitClose()));
            assertFalse(api.get("api/online?uid=k1").json().getBoolean("online"));
            assertTrue(bystander.isOpen());
            assertEquals("{\"uid\":\"k1\",\"kicked\":0}", api.post("api/kick", "{\"uid\":\"k1\"}").body());
        }
    }

    @Test
    void kickTakesANumericUidToo() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("77"))) {
            assertEquals(1, api.post("api/kick", "{\"uid\":77}").json().getInt("kicked"));
            assertEquals(4006, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        assertError(api.get("api/online"), 400, "query parameter uid is required");
        assertError(api.get("api/online?uid=a%20b"), 400, "uid must be " + UID_RULE);
        assertError(api.get("api/sessions"), 400, "query parameter uid is required");
        assertError(api.get("api/sessions?uid=" + "x".repeat(65)), 400, "uid must be " + UID_RULE);
        assertError(api.post("api/kick", "{}"), 400, "uid is required");
        assertError(api.post("api/kick", "{\"uid\":[1]}"), 400, "uid must be a string or whole number of " + UID_RULE);
        assertError(api.post("api/kick", "{\"uid\":\"1\",\"reason\":\"x\"}"), 400, "unknown field \"reason\"; allowed: uid");
        assertError(api.post("api/kick", "uid=1"), 400, "request body is not valid JSON (line 1, column 1)");
        assertError(api.post("api/online?uid=1", ""), 405, "method POST not allowed here; use GET");
        assertError(api.post("api/sessions?uid=1", ""), 405, "method POST not allowed here; use GET");
        assertError(api.get("api/kick"), 405, "method GET not allowed here; use POST");
    }

    static void assertError(Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(error, reply.error());
    }
}
