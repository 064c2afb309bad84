package io.tidings.cluster;

import static io.tidings.cluster.RedisFaultsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.mobile.redis.RedisJobs;
import io.tidings.testing.ApiClient;
import io.tidings.testing.ApnsMock;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mobile push across three embedded nodes on one real Redis, with Pushy's MockApnsServer over real TLS: a device
 * registered on any node is every node's, a message no live session received anywhere becomes exactly one APNs
 * push whichever node stored it, a session on another node means no push, a group's push that asks for phones
 * reaches the members no node's session reached, and a node killed with a job in flight leaves it to another.
 * Each push's receipt waits for its jobs to be stored; "exactly one" is read once the cluster's queue is empty.
 */
class MobilePushClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static Path dir;
    static ApnsMock apple;
    static RedisServer redis;
    static Map<String, String> settings;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mobile-cluster-test");
        apple = new ApnsMock(dir.resolve("apns")).start();
        redis = RedisServer.start();
        settings = new HashMap<>(apple.settings());
        settings.put("TIDINGS_PUSH_COLLAPSE", "1");
        cluster = TestCluster.start(redis.url(), 3, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        try (RedisServer r = redis; ApnsMock a = apple) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    static void registerApns(ApiClient api, String uid, String token) throws Exception {
        ApiClient.Reply reply = api.post("/api/devices", "{\"uid\":\"" + uid + "\",\"platform\":\"apns\",\"token\":\""
                + token + "\"}");
        assertEquals(200, reply.status(), reply.body());
    }

    static JsonObject push(ApiClient api, String body) throws Exception {
        ApiClient.Reply reply = api.post("/api/push", body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    static List<ApnsMock.Received> received(String token) {
        return apple.received().stream().filter(r -> r.token().equals(token)).toList();
    }

    /** Waits until the cluster's queue (in Redis: every node's jobs) holds nothing waiting or in flight. */
    static void awaitEmptyQueue(ApiClient api) throws Exception {
        awaitTrue(() -> api.metric("tidings_push_queue_depth") == 0, WAIT, "an empty push queue");
    }

    /** Waits for a push to the token, then until the cluster's queue is empty; returns every push it got. */
    static List<ApnsMock.Received> settled(String token, ApiClient api) throws Exception {
        awaitTrue(() -> !received(token).isEmpty(), WAIT, "a push to " + token);
        awaitEmptyQueue(api);
        return received(token);
    }

    /** Registers the uid's device through one node and waits until the next node lists it too. */
    static void registerOn(int node, String uid, String token) throws Exception {
        registerApns(cluster.api(node), uid, token);
        awaitDevice(cluster.api((node + 1) % 3), uid, token);
    }

    /**
     * Two uids with a device each, registered through nodes 1 and 3; the first is to be away, the second to have a
     * session on node 3. Returns their tokens.
     */
    static String[] awayAndHere(int device, String away, String here) throws Exception {
        String[] tokens = {apple.device(device), apple.device(device + 1)};
        registerOn(0, away, tokens[0]);
        registerOn(2, here, tokens[1]);
        return tokens;
    }

    static void awaitDevice(ApiClient api, String uid, String token) throws Exception {
        awaitTrue(() -> api.get("/api/devices?uid=" + uid).json().getJsonArray("devices").stream()
                .anyMatch(d -> d.asJsonObject().getString("token").equals(token)), WAIT, uid + "'s device on a node");
    }

    @Test
    void aDeviceRegisteredOnOneNodeGetsExactlyOnePushForAMessageStoredThroughAnother() throws Exception {
        String token = apple.device(1);
        registerApns(cluster.api(0), "c1", token);
        awaitDevice(cluster.api(2), "c1", token);

        long seq = push(cluster.api(1), "{\"uid\":\"c1\",\"event\":\"reply\"}").getJsonNumber("seq").longValue();

        List<ApnsMock.Received> pushes = settled(token, cluster.api(2));
        assertEquals(1, pushes.size(), "one push, not one per node");
        assertTrue(pushes.get(0).payload().contains("\"seq\":" + seq), pushes.get(0).payload());
        double accepted = 0;
        for (int node = 0; node < 3; node++) {
            accepted += cluster.api(node).metric("tidings_push_sends_total{outcome=\"accepted\",provider=\"apns\"}");
        }
        assertTrue(accepted >= 1, "counted by the node that sent it");
    }

    @Test
    void aSessionOnAnotherNodeMeansNoPushAndTheSocketsRegistrationIsEveryNodes() throws Exception {
        String token = apple.device(2);
        try (WsClient app = WsClient.connectOnline(cluster.ws(2, "c2"))) {
            app.send("{\"event\":\"device\",\"platform\":\"apns\",\"token\":\"" + token + "\"}");
            assertTrue(app.nextJson().getBoolean("registered"));
            awaitDevice(cluster.api(1), "c2", token);
            String made = "tidings_push_jobs_made_total{kind=\"offline\"}";
            double before = cluster.api(1).metric(made);

            assertEquals(1, push(cluster.api(1), "{\"uid\":\"c2\",\"event\":\"reply\"}").getInt("delivered"));
            assertTrue(app.next().contains("\"reply\""));

            assertEquals(before, cluster.api(1).metric(made), "no job: a session on node 3 received it");
        }
        push(cluster.api(0), "{\"uid\":\"c2\",\"event\":\"reply\"}"); // the session is gone: now a phone's job
        awaitTrue(() -> received(token).size() == 1, WAIT, "the push once no session is left");
    }

    @Test
    void aPushToSeveralUidsReachesThePhoneOfOnlyTheOneWithoutASessionAnywhere() throws Exception {
        String[] tokens = awayAndHere(6, "c6", "c7");
        String away = tokens[0];
        try (WsClient session = WsClient.connectOnline(cluster.ws(2, "c7"))) {
            JsonObject pushed = push(cluster.api(1), "{\"uids\":[\"c6\",\"c7\"],\"event\":\"reply\"}");
            assertEquals(1, pushed.getInt("delivered"), pushed.toString());
            assertTrue(session.next().contains("\"reply\""));

            assertEquals(1, settled(away, cluster.api(0)).size());
            assertEquals(List.of(), received(tokens[1]), "its session on node 3 received it");
        }
    }

    @Test
    void aGroupsPushThatAsksReachesTheMembersNoNodesSessionReached() throws Exception {
        String[] tokens = awayAndHere(3, "c3", "c4");
        String away = tokens[0];
        for (String uid : List.of("c3", "c4")) {
            assertEquals(200, cluster.api(1).post("/api/groups/room-c/join", "{\"uid\":\"" + uid + "\"}").status());
        }
        try (WsClient member = WsClient.connectOnline(cluster.ws(2, "c4"))) {
            JsonObject pushed = push(cluster.api(0), "{\"group\":\"room-c\",\"event\":\"chat\",\"mobile\":{\"body\":"
                    + "\"Ann: hi\"}}");
            assertTrue(member.next().contains("\"chat\""));

            List<ApnsMock.Received> pushes = settled(away, cluster.api(1));
            assertEquals(1, pushes.size());
            String payload = pushes.get(0).payload();
            assertTrue(payload.contains("Ann: hi") && payload.contains("\"seq\":" + pushed.getJsonNumber("seq")),
                    payload);
            assertEquals(List.of(), received(tokens[1]), "its session on node 3 received it");
        }
    }

    @Test
    void aJobInFlightOnANodeKilledIsSentByAnotherAfterTheLease() throws Exception {
        String token = apple.device(5);
        try (TestCluster own = TestCluster.start(redis.url(), 0, settings);
                LauncherProcess doomed = NodeKillTest.launch(own, "doomed")) {
            ApiClient api = ApiClient.at(URI.create("http://127.0.0.1:" + doomed.awaitPort(Duration.ofSeconds(60))
                    + "/"));
            registerApns(api, "c5", token);
            apple.stall(token, 3000); // the doomed node's send is in flight when it dies
            push(api, "{\"uid\":\"c5\",\"event\":\"reply\"}");
            String leases = own.prefix() + ":{push}:j:lease";
            awaitTrue(() -> "1".equals(redis.command("ZCARD", leases).trim()), WAIT, "the doomed node's claim");
            doomed.kill();
            apple.stall(token, 0);
            long killed = System.nanoTime();

            ApiClient survivor = ApiClient.of(own.addNode());
            String accepted = "tidings_push_sends_total{outcome=\"accepted\",provider=\"apns\"}";
            awaitTrue(() -> survivor.metric(accepted) == 1, WAIT.plus(RedisJobs.LEASE), "the survivor's send");
            long after = (System.nanoTime() - killed) / 1_000_000;
            awaitEmptyQueue(survivor);
            assertEquals(1, survivor.metric(accepted), "sent once by the survivor");
            assertTrue(after <= RedisJobs.LEASE.toMillis() + 10_000, "taken over " + after + " ms after the kill");
            // The killed node's send may have reached Apple before it died: a resend has the same collapse id.
            List<ApnsMock.Received> pushes = received(token);
            assertTrue(pushes.size() == 1 || pushes.size() == 2, pushes.toString());
            assertEquals(1, pushes.stream().map(ApnsMock.Received::collapseId).distinct().count(), pushes.toString());
        }
    }
}
