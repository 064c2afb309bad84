package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.ApnsMock;
import io.tidings.testing.FcmMock;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mobile push end to end: the real server with both providers pointed at their mocks, devices registered over
 * the API and the socket, pushes through the API. Every push's receipt waits for its jobs to be stored, so
 * "no job was made" is read from the metrics right after the push, and "exactly one push" once the queue is
 * empty again.
 */
class MobilePushTest {
    static Path dir;
    static FcmMock google;
    static ApnsMock apple;
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mobile-push-test");
        google = new FcmMock(dir.resolve("fcm"));
        apple = new ApnsMock(dir.resolve("apns")).start();
        Map<String, String> settings = new HashMap<>(google.settings());
        settings.putAll(apple.settings());
        settings.put("TIDINGS_PUSH_COLLAPSE", "1");
        settings.put("TIDINGS_MAX_DEVICES_PER_UID", "3");
        server = TestServer.start(settings);
        api = ApiClient.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        apple.close();
        google.close();
    }

    static void register(String uid, String token) throws Exception {
        Reply reply = api.post("api/devices", "{\"uid\":\"" + uid + "\",\"platform\":\"fcm\",\"token\":\"" + token
                + "\"}");
        assertEquals(200, reply.status(), reply.body());
    }

    static JsonObject push(String body) throws Exception {
        Reply reply = api.post("api/push", body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    static double jobsMade() throws Exception {
        return api.metric("tidings_push_jobs_made_total{kind=\"offline\"}");
    }

    /** Waits until no push job waits or is in flight. */
    static void awaitEmptyQueue() throws InterruptedException {
        await(() -> {
            try {
                return api.metric("tidings_push_queue_depth") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "an empty push queue");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    /** Waits until every job is done (none waiting or in flight), then returns what FCM got for the token. */
    static List<FcmMock.Received> settled(String token, int atLeast) throws Exception {
        await(() -> received(token).size() >= atLeast, atLeast + " push(es) for " + token);
        awaitEmptyQueue();
        return received(token);
    }

    static List<FcmMock.Received> received(String token) {
        return google.received().stream().filter(r -> r.token().equals(token)).toList();
    }

    @Test
    void aUidWithADeviceAndNoSessionGetsExactlyOnePushAtItsInboxPosition() throws Exception {
        register("e1", "fcm-e1");
        String accepted = "tidings_push_sends_total{outcome=\"accepted\",provider=\"fcm\"}";
        double acceptedBefore = api.metric(accepted);

        long seq = push("{\"uid\":\"e1\",\"event\":\"reply\"}").getJsonNumber("seq").longValue();

        List<FcmMock.Received> pushes = settled("fcm-e1", 1);
        assertEquals(1, pushes.size());
        JsonObject message = pushes.get(0).message();
        assertEquals(Long.toString(seq), message.getJsonObject("data").getString("seq"));
        assertEquals("收到一条新的回复.", message.getJsonObject("notification").getString("body"));
        assertEquals(1, message.getJsonObject("android").getJsonObject("notification").getInt("notification_count"),
                "the badge: one unread");
        assertEquals(acceptedBefore + 1, api.metric(accepted), "counted by provider and outcome");
        assertEquals(0, api.metric("tidings_push_oldest_job_age_seconds"), "no job left");
    }

    @Test
    void aUidWithALiveSessionGetsNoPush() throws Exception {
        register("e2", "fcm-e2");
        try (WsClient session = WsClient.connectOnline(server.wsFor("e2"))) {
            double made = jobsMade();
            assertEquals(1, push("{\"uid\":\"e2\",\"event\":\"reply\"}").getInt("delivered"));
            session.next();
            assertEquals(made, jobsMade(), "no job: a session received it");
        }
    }

    @Test
    void aBurstWithinTheCollapseWindowIsOnePush() throws Exception {
        register("e3", "fcm-e3");
        StringBuilder batch = new StringBuilder("{\"pushes\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"uid\":\"e3\",\"event\":\"reply\"}");
        }
        Reply reply = api.post("api/push/batch", batch.append("]}").toString());
        assertEquals(200, reply.status(), reply.body());
        long last = reply.json().getJsonArray("results").getJsonObject(19).getJsonNumber("seq").longValue();

        List<FcmMock.Received> pushes = settled("fcm-e3", 1);
        assertEquals(1, pushes.size());
        JsonObject message = pushes.get(0).message();
        assertEquals("收到20条新的回复.", message.getJsonObject("notification").getString("body"));
        assertEquals(Long.toString(last), message.getJsonObject("data").getString("seq"));
        assertEquals("20", message.getJsonObject("data").getString("count"));
    }

    @Test
    void mobileFalseAndAGroupPushThatDoesNotAskMakeNoJob() throws Exception {
        register("e4", "fcm-e4");
        assertEquals(200, api.post("api/groups/room-e4/join", "{\"uid\":\"e4\"}").status());
        double made = jobsMade();

        push("{\"uid\":\"e4\",\"event\":\"quiet\",\"mobile\":false}");
        push("{\"group\":\"room-e4\",\"event\":\"chat\"}");
        push("{\"all\":true,\"event\":\"news\"}");
        push("{\"uid\":\"e4\",\"event\":\"signal\",\"store\":false}");

        assertEquals(made, jobsMade());
    }

    @Test
    void aGroupPushThatAsksReachesTheMembersNoSessionReachedWithTheGroupsPosition() throws Exception {
        register("e5", "fcm-e5");
        register("e6", "fcm-e6");
        for (String uid : List.of("e5", "e6")) {
            assertEquals(200, api.post("api/groups/room-e5/join", "{\"uid\":\"" + uid + "\"}").status());
        }
        try (WsClient session = WsClient.connectOnline(server.wsFor("e6"))) {
            JsonObject pushed = push("{\"group\":\"room-e5\",\"event\":\"chat\",\"mobile\":{\"title\":\"#room\","
                    + "\"body\":\"Ann: hi\",\"collapse\":\"room-e5\"}}");
            session.next();

            JsonObject message = settled("fcm-e5", 1).get(0).message();
            assertEquals("Ann: hi", message.getJsonObject("notification").getString("body"));
            assertEquals("#room", message.getJsonObject("notification").getString("title"));
            assertEquals("room-e5", message.getJsonObject("data").getString("group"));
            assertEquals(Long.toString(pushed.getJsonNumber("seq").longValue()),
                    message.getJsonObject("data").getString("seq"));
            assertEquals("room-e5", message.getJsonObject("android").getString("collapse_key"));
            assertEquals(List.of(), received("fcm-e6"), "its session received it");
        }
    }

    @Test
    void theDeviceApiRegistersListsCapsAndRemovesAndNamesTheBadField() throws Exception {
        String uid = "{\"uid\":\"e7\",";
        Reply bad = api.post("api/devices", uid + "\"platform\":\"fcm\",\"token\":\"has space\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.error().startsWith("token must be"), bad.error());
        assertEquals("platform is required: apns or fcm", api.post("api/devices", uid + "\"token\":\"t\"}").error());
        assertTrue(api.post("api/devices", uid + "\"platform\":\"fcm\",\"token\":\"t\",\"topic\":\"x\"}").error()
                .startsWith("topic is for apns"));
        assertTrue(api.post("api/devices", uid + "\"platform\":\"apns\",\"token\":\"abc\"}").error()
                .startsWith("token must be the APNs device token"));

        for (int i = 1; i <= 4; i++) {
            Reply reply = api.post("api/devices", uid + "\"platform\":\"fcm\",\"token\":\"e7-" + i + "\"}");
            assertEquals(i == 4 ? 1 : 0, reply.json().getInt("dropped"), reply.body());
        }
        String apnsToken = "AB".repeat(32);
        JsonObject apns = api.post("api/devices", uid + "\"platform\":\"apns\",\"token\":\"" + apnsToken
                + "\",\"env\":\"sandbox\"}").json();
        assertEquals(apnsToken.toLowerCase(), apns.getJsonObject("device").getString("token"));
        assertEquals(ApnsMock.TOPIC, apns.getJsonObject("device").getString("topic"));
        assertEquals("sandbox", apns.getJsonObject("device").getString("env"));

        JsonObject listed = api.get("api/devices?uid=e7").json();
        assertEquals(List.of("e7-3", "e7-4", apnsToken.toLowerCase()), listed.getJsonArray("devices")
                .getValuesAs(JsonObject.class).stream().map(d -> d.getString("token")).toList());
        Reply removed = api.send("DELETE", "api/devices", "{\"uid\":\"e7\",\"token\":\"" + apnsToken + "\"}");
        assertTrue(removed.json().getBoolean("removed"), removed.body());
        assertEquals(2, api.get("api/devices?uid=e7").json().getJsonArray("devices").size());
    }

    @Test
    void anAppRegistersItselfOverTheSocket() throws Exception {
        try (WsClient app = WsClient.connectOnline(server.wsFor("e8"))) {
            app.send("{\"event\":\"device\",\"platform\":\"fcm\",\"token\":\"fcm-e8\"}");
            JsonObject reply = app.nextJson();
            assertTrue(reply.getBoolean("registered"), reply.toString());
            app.send("{\"event\":\"device\",\"platform\":\"fcm\",\"token\":\"bad token\"}");
            assertTrue(app.nextJson().getString("error").startsWith("token must be"));
        }
        assertEquals("fcm-e8", api.get("api/devices?uid=e8").json().getJsonArray("devices").getJsonObject(0)
                .getString("token"));
        try (WsClient app = WsClient.connectOnline(server.wsFor("e8"))) {
            app.send("{\"event\":\"device\",\"token\":\"fcm-e8\",\"remove\":true}");
            assertTrue(app.nextJson().getBoolean("removed"));
        }
    }

    @Test
    void apnsGetsTheSeqBesideApsAndAnExpiredTokenIsRemovedUnlessRegisteredAgainAfter() throws Exception {
        String live = apple.device(901);
        String expired = apple.device(902);
        String back = apple.device(903);
        registerApns("e9", live);
        registerApns("e10", expired);
        Thread.sleep(5); // the registrations above are strictly older than Apple's timestamp below
        Instant unregistered = Instant.now();
        apple.expire(expired, unregistered);
        apple.expire(back, unregistered);
        Thread.sleep(5);
        registerApns("e11", back); // the app got the same token again after Apple's timestamp

        long seq = push("{\"uid\":\"e9\",\"event\":\"reply\"}").getJsonNumber("seq").longValue();
        push("{\"uid\":\"e10\",\"event\":\"reply\"}");
        push("{\"uid\":\"e11\",\"event\":\"reply\"}");

        await(() -> apple.received().stream().anyMatch(r -> r.token().equals(live)), "the APNs push");
        String payload = apple.received().stream().filter(r -> r.token().equals(live)).findFirst().orElseThrow()
                .payload();
        assertTrue(payload.contains("\"seq\":" + seq), payload);
        assertTrue(payload.contains("\"aps\":{"), payload);
        await(() -> devices("e10") == 0, "the expired device removed");
        awaitEmptyQueue();
        assertEquals(1, devices("e11"), "registered again after Apple's timestamp: kept");
    }

    static void registerApns(String uid, String token) throws Exception {
        assertEquals(200, api.post("api/devices", "{\"uid\":\"" + uid + "\",\"platform\":\"apns\",\"token\":\""
                + token + "\"}").status());
    }

    static int devices(String uid) {
        try {
            return api.get("api/devices?uid=" + uid).json().getJsonArray("devices").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
