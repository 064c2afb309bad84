package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Groups by uid: join, leave, list, pushes to members only, and membership that outlives sessions. */
class GroupsApiTest extends ApiTest {

    static Reply join(String group, String uid) throws Exception {
        return api.post("api/groups/" + group + "/join", "{\"uid\":" + uid + "}");
    }

    static Reply leave(String group, String uid) throws Exception {
        return api.post("api/groups/" + group + "/leave", "{\"uid\":" + uid + "}");
    }

    static int pushToGroup(String group, String event) throws Exception {
        Reply reply = api.post("api/push", "{\"group\":\"" + group + "\",\"event\":\"" + event + "\"}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getInt("delivered");
    }

    @Test
    void joinLeaveAndListAnswerWhatChanged() throws Exception {
        assertEquals("{\"group\":\"room-1\",\"members\":[]}", api.get("api/groups/room-1").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"b\",\"member\":true,\"changed\":true}", join("room-1", "\"b\"").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"a\",\"member\":true,\"changed\":true}", join("room-1", "\"a\"").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"a\",\"member\":true,\"changed\":false}", join("room-1", "\"a\"").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"10\",\"member\":true,\"changed\":true}", join("room-1", "10").body());
        assertEquals("{\"group\":\"room-1\",\"members\":[\"10\",\"a\",\"b\"]}", api.get("api/groups/room-1").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"a\",\"member\":false,\"changed\":true}", leave("room-1", "\"a\"").body());
        assertEquals("{\"group\":\"room-1\",\"uid\":\"a\",\"member\":false,\"changed\":false}", leave("room-1", "\"a\"").body());
        leave("room-1", "\"b\"");
        leave("room-1", "10");
        assertEquals("{\"group\":\"room-1\",\"members\":[]}", api.get("api/groups/room-1").body());
    }

    @Test
    void aGroupPushReachesMembersOnly() throws Exception {
        try (WsClient member = WsClient.connectOnline(server.wsFor("gm1"));
             WsClient outsider = WsClient.connectOnline(server.wsFor("gm2"))) {
            join("only", "\"gm1\"");
            assertEquals(1, pushToGroup("only", "news"));
            assertEquals("news", member.nextJson().getString("event"));
            assertNull(outsider.poll(Duration.ofMillis(300)));
            assertEquals(0, pushToGroup("no-such-group", "news"));
        }
    }

    @Test
    void anOfflineUidCanJoinAndReceivesOnceItConnects() throws Exception {
        join("later", "\"off1\"");
        assertEquals(0, pushToGroup("later", "missed"));
        try (WsClient client = WsClient.connectOnline(server.wsFor("off1"))) {
            assertEquals(1, pushToGroup("later", "caught"));
            assertEquals("caught", client.nextJson().getString("event"));
        }
    }

    @Test
    void membershipSurvivesReconnectAndNewestWinsReplacement() throws Exception {
        join("sticky", "\"re1\"");
        try (WsClient first = WsClient.connectOnline(server.wsFor("re1"))) {
            assertEquals(1, pushToGroup("sticky", "one"));
            assertEquals("one", first.nextJson().getString("event"));
            try (WsClient second = WsClient.connectOnline(server.wsFor("re1"))) {
                assertEquals("4002 uid exists", WsClient.describe(first.awaitClose()));
                assertEquals(1, pushToGroup("sticky", "two"));
                assertEquals("two", second.nextJson().getString("event"));
            }
        }
        try (WsClient third = WsClient.connectOnline(server.wsFor("re1"))) {
            assertEquals(1, pushToGroup("sticky", "three"));
            assertEquals("three", third.nextJson().getString("event"));
        }
        assertEquals("{\"group\":\"sticky\",\"members\":[\"re1\"]}", api.get("api/groups/sticky").body());
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        String groupRule = "group name must be 1 to 64 characters from A-Z a-z 0-9 _ . : @ -";
        assertError(api.get("api/groups/" + "g".repeat(65)), 400, groupRule);
        assertError(api.get("api/groups/a%20b"), 400, groupRule);
        assertError(join("a%20b", "\"1\""), 400, groupRule);
        assertError(api.post("api/groups/g/join", "{}"), 400, "uid is required");
        assertError(join("g", "\"x y\""), 400, "uid must be a string or whole number of 1 to 64 characters from A-Z a-z 0-9 _ . : @ -");
        assertError(api.post("api/groups/g/leave", "{\"uid\":\"1\",\"group\":\"g\"}"), 400, "unknown field \"group\"; allowed: uid");
        assertError(api.post("api/groups/g/join", ""), 400, "request body is empty: send a JSON object");
        assertError(api.post("api/groups/g", "{}"), 405, "method POST not allowed here; use GET");
        assertError(api.get("api/groups/g/join"), 405, "method GET not allowed here; use POST");
    }

    @Test
    void limitsAreRefused409NamingTheSetting() throws Exception {
        try (TestServer small = TestServer.start(Map.of("TIDINGS_MAX_GROUPS", "2", "TIDINGS_MAX_GROUP_MEMBERS", "2",
                "TIDINGS_MAX_MEMBERSHIPS", "3"))) {
            ApiClient limited = ApiClient.of(small);
            assertEquals(200, limited.post("api/groups/a/join", "{\"uid\":1}").status());
            assertEquals(200, limited.post("api/groups/a/join", "{\"uid\":2}").status());
            assertError(limited.post("api/groups/a/join", "{\"uid\":3}"), 409, "group is full (TIDINGS_MAX_GROUP_MEMBERS=2)");
            assertEquals(200, limited.post("api/groups/b/join", "{\"uid\":1}").status());
            assertError(limited.post("api/groups/c/join", "{\"uid\":1}"), 409, "too many groups (TIDINGS_MAX_GROUPS=2)");
            assertError(limited.post("api/groups/b/join", "{\"uid\":2}"), 409, "too many group memberships (TIDINGS_MAX_MEMBERSHIPS=3)");
            assertEquals(200, limited.post("api/groups/a/join", "{\"uid\":1}").status(), "re-joining takes nothing");
            limited.post("api/groups/a/leave", "{\"uid\":2}");
            assertEquals(200, limited.post("api/groups/b/join", "{\"uid\":2}").status(), "a leave frees its slot");
        }
    }

    static void assertError(Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(error, reply.error());
    }
}
