package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.testing.ApiClient;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend API under the context path ({base}api/...), as a backend calls it, on each container. */
@ExtendWith(ContainerExtension.class)
class PushApiIT {
    static Deployment tidings;
    static ApiClient api;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
        api = ApiClient.at(tidings.base());
    }

    @Test
    void aPushReachesTheUidAndIsCounted() throws Exception {
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("p100"))) {
            ApiClient.Reply reply = api.post("api/push", "{\"uid\":\"p100\",\"event\":\"order.paid\",\"data\":{\"order\":7}}");
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            assertEquals(1, reply.json().getInt("delivered"));
            JsonObject frame = client.nextJson();
            assertEquals("order.paid", frame.getString("event"));
            assertEquals(7, frame.getJsonObject("data").getInt("order"));
            assertEquals(reply.json().getString("id"), frame.getString("id"));
        }
    }

    @Test
    void withoutTheKeyOrWithAWrongOneThePushIsRefused401() throws Exception {
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("p101"))) {
            for (String authorization : new String[] {null, "Bearer not-the-key-not-the-key", "Basic dXNlcjpwYXNz"}) {
                ApiClient.Reply reply = ApiClient.at(tidings.base(), authorization)
                        .post("api/push", "{\"uid\":\"p101\",\"event\":\"x\"}");
                assertEquals(401, reply.status(), authorization + ": " + reply.body());
                assertTrue(!reply.error().isEmpty(), reply.body());
                assertTrue(reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            }
            assertNull(client.poll(Duration.ofMillis(200)), "a refused push delivered nothing");
        }
    }

    @Test
    void anOfflineUidIsDeliveredToNobodyAndABadBodyIsA400() throws Exception {
        ApiClient.Reply offline = api.post("api/push", "{\"uid\":\"p-nobody\",\"event\":\"x\"}");
        assertEquals(200, offline.status());
        assertEquals(0, offline.json().getInt("delivered"));
        ApiClient.Reply bad = api.post("api/push", "{\"uid\":\"p1\",\"group\":\"g\",\"event\":\"x\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.error().startsWith("exactly one target is required"), bad.error());
        ApiClient.Reply unknown = api.get("api/nope");
        assertEquals(404, unknown.status());
    }

    /** Seed users name events in their own language: any name of 1 to 64 characters without control characters. */
    @Test
    void anEventNameInAnyScriptIsPushedAsIs() throws Exception {
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("p104"))) {
            for (String event : new String[] {"新回复", "回".repeat(64), "order paid ✓"}) {
                ApiClient.Reply reply = api.post("api/push", "{\"uid\":\"p104\",\"event\":\"" + event + "\"}");
                assertEquals(200, reply.status(), reply.body());
                assertEquals(event, client.nextJson().getString("event"));
            }
            for (String event : new String[] {"", "回".repeat(65), "tab\\there"}) {
                ApiClient.Reply reply = api.post("api/push", "{\"uid\":\"p104\",\"event\":\"" + event + "\"}");
                assertEquals(400, reply.status(), event + ": " + reply.body());
            }
            assertNull(client.poll(Duration.ofMillis(200)), "a refused push delivered nothing");
        }
    }

    /**
     * Half a surrogate pair, which a JSON escape can spell but UTF-8 cannot carry, is refused 400 wherever it is
     * (a value, a key, the event), instead of reaching the client as '?'. A whole pair is an emoji like any other.
     */
    @Test
    void halfASurrogatePairIsRefusedNotTurnedIntoAQuestionMark() throws Exception {
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("p105"))) {
            for (String body : new String[] {"{\"uid\":\"p105\",\"event\":\"e\",\"data\":{\"t\":\"\\ud83d\"}}",
                "{\"uid\":\"p105\",\"event\":\"e\",\"data\":{\"\\udc00\":1}}",
                "{\"uid\":\"p105\",\"event\":\"a\\ud83db\"}"}) {
                ApiClient.Reply reply = api.post("api/push", body);
                assertEquals(400, reply.status(), body + ": " + reply.body());
                assertTrue(reply.error().contains("surrogate"), reply.error());
            }
            assertNull(client.poll(Duration.ofMillis(200)), "a refused push delivered nothing");
            ApiClient.Reply whole = api.post("api/push",
                    "{\"uid\":\"p105\",\"event\":\"e\",\"data\":{\"t\":\"\\ud83d\\ude00\"}}");
            assertEquals(200, whole.status(), whole.body());
            assertEquals("\uD83D\uDE00", client.nextJson().getJsonObject("data").getString("t"));
        }
    }

    @Test
    void groupsBatchesPresenceAndKickWork() throws Exception {
        try (WsClient member = WsClient.connectOnline(tidings.wsFor("p102"))) {
            assertEquals(200, api.post("api/groups/p-room/join", "{\"uid\":\"p102\"}").status());
            ApiClient.Reply batch = api.post("api/push/batch", "{\"pushes\":[{\"group\":\"p-room\",\"event\":\"say\","
                    + "\"data\":{\"n\":1}},{\"uid\":\"p102\",\"event\":\"say\",\"data\":{\"n\":2}}]}");
            assertEquals(200, batch.status(), batch.body());
            assertEquals(1, member.nextJson().getJsonObject("data").getInt("n"));
            assertEquals(2, member.nextJson().getJsonObject("data").getInt("n"));
            assertTrue(api.get("api/online?uid=p102").json().getBoolean("online"));
            assertEquals(1, api.post("api/kick", "{\"uid\":\"p102\"}").json().getInt("kicked"));
            Expect.closed(member, CloseReason.KICKED);
            assertFalse(api.get("api/online?uid=p102").json().getBoolean("online"));
        }
    }

    @Test
    void concurrentPushesToOneSessionAllArriveComplete() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("p103"))) {
            List<CompletableFuture<Void>> pushing = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pushing.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            ApiClient.Reply reply = api.post("api/push", "{\"uid\":\"p103\",\"event\":\"n\",\"data\":{\"k\":\""
                                    + thread + "-" + i + "\",\"pad\":\"" + "x".repeat(300) + "\"}}");
                            assertEquals(1, reply.json().getInt("delivered"), reply.body());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(pushing.toArray(CompletableFuture[]::new))
                    .get(WsClient.WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
            Set<String> keys = new HashSet<>();
            for (int n = 0; n < threads * each; n++) {
                assertTrue(keys.add(client.nextJson().getJsonObject("data").getString("k")), "delivered twice");
            }
            assertEquals(threads * each, keys.size());
            assertTrue(client.isOpen());
        } finally {
            pool.shutdownNow();
        }
    }
}
