package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ClusterOnRedis;
import io.tidings.testing.TestCluster;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the API and the wire promise holds cluster-wide: sessions, presence, kick, groups, idempotency keys. */
class ClusterPromisesTest {
    @RegisterExtension
    static final ClusterOnRedis NODES = new ClusterOnRedis(3);

    static TestCluster cluster() {
        return NODES.cluster();
    }

    @Test
    void aLoginOnOneNodeReplacesTheSessionOnAnother() throws Exception {
        try (WsClient old = WsClient.connectOnline(cluster().ws(0, "p100"));
                WsClient fresh = WsClient.connectOnline(cluster().ws(1, "p100"))) {
            old.assertClosedWith(4002, "uid exists");
            assertTrue(fresh.isOpen());
            JsonObject online = cluster().api(2).get("/api/online?uid=p100").json();
            assertEquals(1, online.getInt("sessions"));
            assertEquals("n2", cluster().api(0).get("/api/sessions?uid=p100").json().getJsonArray("sessions")
                    .getJsonObject(0).getString("node"));
        }
    }

    @Test
    void twentyConcurrentLoginsOverThreeNodesLeaveExactlyOne() throws Exception {
        int logins = 20;
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        List<WsClient> clients = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                int node = i % 3;
                connecting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return WsClient.connect(cluster().ws(node, "p200"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<WsClient> client : connecting) {
                clients.add(client.get(30, TimeUnit.SECONDS));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (clients.stream().filter(WsClient::isOpen).count() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, clients.stream().filter(WsClient::isOpen).count(), "exactly one session stays");
            for (WsClient client : clients) {
                if (!client.isOpen()) {
                    client.assertClosedWith(4002, "uid exists");
                }
            }
            assertEquals(1, cluster().api(1).get("/api/online?uid=p200").json().getInt("sessions"));
            int registered = 0;
            for (int i = 0; i < 3; i++) {
                registered += cluster().node(i).tidings().hub().sessions("p200").size();
            }
            assertEquals(1, registered, "one registered session on all nodes together");
            WsClient survivor = clients.stream().filter(WsClient::isOpen).findFirst().orElseThrow();
            survivor.welcome();
            cluster().api(2).post("/api/push", "{\"uid\":\"p200\",\"event\":\"n\"}");
            assertEquals("n", survivor.nextJson().getString("event"));
        } finally {
            clients.forEach(WsClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void onlineSessionsAndKickAnswerForEveryNode() throws Exception {
        try (WsClient client = WsClient.connectOnline(cluster().ws(1, "p300"))) {
            JsonObject online = cluster().api(0).get("/api/online?uid=p300").json();
            assertTrue(online.getBoolean("online"));
            assertEquals(1, online.getInt("sessions"));
            JsonObject session = cluster().api(2).get("/api/sessions?uid=p300").json().getJsonArray("sessions")
                    .getJsonObject(0);
            assertEquals("n2", session.getString("node"));
            assertEquals(client.welcome() != null, session.getString("id").length() > 0);
            JsonObject kicked = cluster().api(2).post("/api/kick", "{\"uid\":\"p300\"}").json();
            assertEquals(1, kicked.getInt("kicked"));
            client.assertClosedWith(4006, "kicked");
            assertFalse(cluster().api(0).get("/api/online?uid=p300").json().getBoolean("online"));
        }
    }

    @Test
    void underTheAllPolicyTheCapCountsSessionsOnEveryNode() throws Exception {
        try (TestCluster all = TestCluster.start(cluster().redisUrl(), 3, Map.of("TIDINGS_SESSION_POLICY", "all",
                "TIDINGS_MAX_SESSIONS_PER_UID", "2"))) {
            try (WsClient first = WsClient.connectOnline(all.ws(0, "p400"));
                    WsClient second = WsClient.connectOnline(all.ws(1, "p400"));
                    WsClient third = WsClient.connectOnline(all.ws(2, "p400"))) {
                first.assertClosedWith(4002, "uid exists");
                assertTrue(second.isOpen() && third.isOpen());
                assertEquals(2, all.api(0).get("/api/online?uid=p400").json().getInt("sessions"));
                ApiClient.Reply pushed = all.api(0).post("/api/push", "{\"uid\":\"p400\",\"event\":\"n\"}");
                assertEquals(2, pushed.json().getInt("delivered"));
                assertEquals("n", second.nextJson().getString("event"));
                assertEquals("n", third.nextJson().getString("event"));
            }
        }
    }

    @Test
    void groupsAndTheirLimitsHoldAcrossNodes() throws Exception {
        try (TestCluster limited = TestCluster.start(cluster().redisUrl(), 2, Map.of("TIDINGS_MAX_GROUP_MEMBERS", "2",
                "TIDINGS_MAX_GROUPS", "2"))) {
            assertEquals(200, limited.api(0).post("/api/groups/g1/join", "{\"uid\":\"a\"}").status());
            assertEquals(200, limited.api(1).post("/api/groups/g1/join", "{\"uid\":\"b\"}").status());
            ApiClient.Reply full = limited.api(0).post("/api/groups/g1/join", "{\"uid\":\"c\"}");
            assertEquals(409, full.status());
            assertEquals("group is full (TIDINGS_MAX_GROUP_MEMBERS=2)", full.error());
            assertEquals(200, limited.api(1).post("/api/groups/g2/join", "{\"uid\":\"a\"}").status());
            assertEquals(409, limited.api(0).post("/api/groups/g3/join", "{\"uid\":\"a\"}").status());
            assertEquals("[\"a\",\"b\"]", limited.api(1).get("/api/groups/g1").json().getJsonArray("members")
                    .toString());
            JsonObject again = limited.api(1).post("/api/groups/g1/join", "{\"uid\":\"a\"}").json();
            assertFalse(again.getBoolean("changed"));
            assertTrue(limited.api(0).post("/api/groups/g2/leave", "{\"uid\":\"a\"}").json().getBoolean("changed"));
            assertEquals(200, limited.api(0).post("/api/groups/g3/join", "{\"uid\":\"a\"}").status(),
                    "the emptied group no longer counts");
        }
    }

    @Test
    void aMemberOnlineElsewhereReceivesAGroupPushSentRightAfterItsJoin() throws Exception {
        try (WsClient member = WsClient.connectOnline(cluster().ws(0, "p500"))) {
            for (int round = 0; round < 5; round++) {
                String group = "quick-" + round;
                assertEquals(200, cluster().api(2).post("/api/groups/" + group + "/join", "{\"uid\":\"p500\"}")
                        .status());
                JsonObject pushed = cluster().api(1).post("/api/push", "{\"group\":\"" + group + "\",\"event\":\"hi\"}")
                        .json();
                assertEquals(1, pushed.getInt("delivered"), pushed.toString());
                assertEquals(group, member.nextJson().getString("group"));
                assertEquals(200, cluster().api(2).post("/api/groups/" + group + "/leave", "{\"uid\":\"p500\"}")
                        .status());
                assertEquals(0, cluster().api(1).post("/api/push", "{\"group\":\"" + group + "\",\"event\":\"hi\"}")
                        .json().getInt("delivered"));
            }
            assertNull(member.poll(Duration.ofMillis(300)), "nothing after leaving");
        }
    }

    @Test
    void anIdempotencyKeyHoldsOnEveryNode() throws Exception {
        try (WsClient target = WsClient.connectOnline(cluster().ws(0, "p600"))) {
            String push = "{\"uid\":\"p600\",\"event\":\"paid\",\"idempotencyKey\":\"order-77\"}";
            JsonObject first = cluster().api(1).post("/api/push", push).json();
            JsonObject retry = cluster().api(2).post("/api/push", push).json();
            assertTrue(retry.getBoolean("duplicate"));
            assertEquals(first.getString("id"), retry.getString("id"));
            assertEquals(first.getInt("seq"), retry.getInt("seq"));
            assertEquals(first.getInt("delivered"), retry.getInt("delivered"));
            assertEquals("paid", target.nextJson().getString("event"));
            assertNull(target.poll(Duration.ofMillis(300)), "delivered once");
        }
    }

    @Test
    void liveOnlyPushesReadMarksAndTheInboxApiWorkAcrossNodes() throws Exception {
        try (WsClient tab = WsClient.connectOnline(cluster().ws(0, "p700"))) {
            JsonObject typing = cluster().api(1)
                    .post("/api/push", "{\"uid\":\"p700\",\"event\":\"typing\",\"store\":false}")
                    .json();
            assertFalse(typing.getBoolean("stored"));
            JsonObject live = tab.nextJson();
            assertEquals("typing", live.getString("event"));
            assertFalse(live.containsKey("seq"));
            cluster().api(1).post("/api/push", "{\"uid\":\"p700\",\"event\":\"a\"}");
            cluster().api(1).post("/api/push", "{\"uid\":\"p700\",\"event\":\"b\"}");
            tab.next();
            tab.next();
            JsonObject page = cluster().api(2).get("/api/inbox?uid=p700").json();
            assertEquals(2, page.getJsonArray("messages").size());
            assertEquals(2, page.getInt("unread"));
            assertEquals(0, cluster().api(2).post("/api/inbox/read", "{\"uid\":\"p700\",\"upTo\":2}").json()
                    .getInt("unread"));
            JsonObject unread = tab.nextJson();
            assertEquals("unread", unread.getString("event"));
            assertEquals(0, unread.getInt("count"));
        }
    }
}
