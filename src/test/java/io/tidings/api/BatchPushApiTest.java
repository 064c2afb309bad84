package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** POST /api/push/batch: answered item by item; a bad item does not stop the others. */
class BatchPushApiTest extends ApiTest {

    @Test
    void eachPushIsAnsweredInOrderAndBadItemsAreNamed() throws Exception {
        try (WsClient a = WsClient.connectOnline(server.wsFor("b1"));
             WsClient b = WsClient.connectOnline(server.wsFor("b2"))) {
            Reply reply = api.post("api/push/batch", "{\"pushes\":["
                    + "{\"uid\":\"b1\",\"event\":\"one\",\"data\":{\"n\":1}},"
                    + "{\"uid\":\"b1\",\"group\":\"g\",\"event\":\"bad\"},"
                    + "{\"uids\":[\"b1\",\"b2\"],\"event\":\"two\"},"
                    + "\"not an object\","
                    + "{\"uid\":\"offline\",\"event\":\"three\"}]}");
            assertEquals(200, reply.status(), reply.body());
            JsonArray results = reply.json().getJsonArray("results");
            assertEquals(5, results.size());
            assertEquals(1, results.getJsonObject(0).getInt("delivered"));
            assertEquals("exactly one target is required: uid, uids, group or all; got uid and group",
                    results.getJsonObject(1).getString("error"));
            assertEquals(2, results.getJsonObject(2).getInt("delivered"));
            assertEquals("a push must be a JSON object", results.getJsonObject(3).getString("error"));
            assertEquals(0, results.getJsonObject(4).getInt("delivered"));
            assertFalse(results.getJsonObject(4).getString("id").isEmpty());

            JsonObject first = a.nextJson();
            assertEquals("one", first.getString("event"));
            assertEquals(results.getJsonObject(0).getString("id"), first.getString("id"));
            assertEquals("two", a.nextJson().getString("event"));
            assertEquals("two", b.nextJson().getString("event"));
        }
    }

    /**
     * Group and broadcast pushes fan out on a thread of their own while a uid's are delivered where they are stored:
     * within a batch a member still gets them in the batch's order, whatever the kind of each.
     */
    @Test
    void aMemberGetsGroupUidAndLiveOnlyPushesInTheBatchOrder() throws Exception {
        try (WsClient member = WsClient.connectOnline(server.wsFor("b3"))) {
            assertEquals(200, api.post("api/groups/b-room/join", "{\"uid\":\"b3\"}").status());
            String[] targets = {"\"group\":\"b-room\"", "\"uid\":\"b3\"", "\"all\":true",
                "\"uid\":\"b3\",\"store\":false", "\"uids\":[\"b3\",\"b4\"]"};
            int rounds = 20;
            int items = 50;
            for (int round = 0; round < rounds; round++) {
                StringBuilder body = new StringBuilder("{\"pushes\":[");
                for (int n = 0; n < items; n++) {
                    body.append(n == 0 ? "" : ",").append('{').append(targets[(n + round) % targets.length])
                            .append(",\"event\":\"n\",\"data\":{\"n\":").append(n).append("}}");
                }
                Reply reply = api.post("api/push/batch", body.append("]}").toString());
                assertEquals(200, reply.status(), reply.body());
                for (int n = 0; n < items; n++) {
                    assertEquals(n, member.nextJson().getJsonObject("data").getInt("n"), "round " + round);
                }
            }
        }
    }

    @Test
    void theBatchItselfMustBeWellFormed() throws Exception {
        assertBad("{}", "pushes must be an array of 1 to 1000 elements");
        assertBad("{\"pushes\":[]}", "pushes must be an array of 1 to 1000 elements");
        assertBad("{\"pushes\":{}}", "pushes must be an array of 1 to 1000 elements");
        assertBad("{\"pushes\":[],\"extra\":1}", "unknown field \"extra\"; allowed: pushes");
        assertBad("[]", "request body must be a JSON object");
        assertBad("{\"pushes\":[", "request body is not valid JSON: it ends too early");
        String tooMany = "{\"pushes\":[" + "{\"uid\":\"1\",\"event\":\"e\"},".repeat(1000) + "{\"uid\":\"1\",\"event\":\"e\"}]}";
        assertBad(tooMany, "pushes must be an array of 1 to 1000 elements");
    }

    @Test
    void onlyPost() throws Exception {
        Reply reply = api.get("api/push/batch");
        assertEquals(405, reply.status());
        assertEquals("POST", reply.headers().firstValue("Allow").orElse(""));
    }

    static void assertBad(String body, String error) throws Exception {
        Reply reply = api.post("api/push/batch", body);
        assertEquals(400, reply.status(), reply.body());
        assertEquals(error, reply.error());
    }
}
