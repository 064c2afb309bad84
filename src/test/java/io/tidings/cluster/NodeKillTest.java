package io.tidings.cluster;

import static io.tidings.cluster.RedisFaultsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a node (a real launcher in its own JVM): its sessions leave presence within the node TTL, what was
 * sent to them meanwhile waits in Redis, and a client reconnecting to another node resumes with nothing lost or
 * twice. And a node on a Redis without an append-only file says so when it starts.
 */
class NodeKillTest {
    private static final String API = "Bearer " + TestServer.API_KEY;

    static LauncherProcess launch(TestCluster cluster, String node) throws Exception {
        Map<String, String> environment = new HashMap<>(cluster.nodeSettings(node));
        environment.put("TIDINGS_KEY", TestServer.KEY);
        environment.put("TIDINGS_API_KEY", TestServer.API_KEY);
        environment.put("TIDINGS_PORT", "0");
        environment.put("TIDINGS_HOST", "127.0.0.1");
        return new LauncherProcess(environment);
    }

    private static URI ws(int port, String uid, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws?uid=" + uid + "&token=" + LegacyToken.issue(uid,
                TestServer.KEY) + query);
    }

    @Test
    void aKilledNodesClientsResumeOnAnotherWithNothingLost() throws Exception {
        try (RedisServer redis = RedisServer.start();
                TestCluster cluster = TestCluster.start(redis.url(), 1);
                LauncherProcess doomed = launch(cluster, "doomed")) {
            int port = doomed.awaitPort(Duration.ofSeconds(60));
            ApiClient survivor = cluster.api(0);
            long seq;
            String epoch;
            try (WsClient client = WsClient.connectOnline(ws(port, "k100", ""))) {
                epoch = client.welcome().getString("epoch");
                for (int i = 1; i <= 3; i++) {
                    survivor.post("/api/push", "{\"uid\":\"k100\",\"event\":\"n\",\"data\":{\"i\":" + i + "}}");
                    assertEquals(i, client.nextJson().getJsonObject("data").getInt("i"));
                }
                seq = 3;
                assertTrue(survivor.get("/api/online?uid=k100").json().getBoolean("online"));
                doomed.kill();
                long killed = System.nanoTime();
                client.awaitClose(Duration.ofSeconds(10));
                for (int i = 4; i <= 6; i++) {
                    ApiClient.Reply reply = survivor.post("/api/push", "{\"uid\":\"k100\",\"event\":\"n\",\"data\":{\"i\":"
                            + i + "}}");
                    assertEquals(200, reply.status(), "stored while the node is gone");
                }
                awaitTrue(() -> !survivor.get("/api/online?uid=k100").json().getBoolean("online"),
                        Duration.ofSeconds(30), "the killed node's session leaves presence");
                long gone = (System.nanoTime() - killed) / 1_000_000;
                assertTrue(gone <= NodeRegistry.TTL.toMillis() + 3000, "left presence " + gone + " ms after the kill");
                assertEquals(0, survivor.post("/api/push", "{\"uid\":\"k100\",\"event\":\"n\",\"data\":{\"i\":7}}")
                        .json().getInt("delivered"), "a dead node's session is not counted");
            }
            try (WsClient again = WsClient.connect(cluster.node(0).ws("uid=k100&token="
                    + LegacyToken.issue("k100", TestServer.KEY) + "&since=" + seq + "&epoch=" + epoch))) {
                again.welcome();
                for (int i = 4; i <= 7; i++) {
                    assertEquals(i, again.nextJson().getJsonObject("data").getInt("i"));
                }
                JsonObject resumed = again.nextJson();
                assertTrue(resumed.getBoolean("recovered"), resumed.toString());
                assertNull(again.poll(Duration.ofMillis(300)));
            }
        }
    }

    @Test
    void aNodeWarnsAtStartupWhenRedisHasNoAppendOnlyFile() throws Exception {
        try (RedisServer redis = RedisServer.start("--appendonly", "no");
                TestCluster cluster = TestCluster.start(redis.url(), 0);
                LauncherProcess node = launch(cluster, "warned")) {
            int port = node.awaitPort(Duration.ofSeconds(60));
            assertTrue(node.output().contains("has its append-only file off"), node.output());
            assertEquals(200, ApiClient.at(URI.create("http://127.0.0.1:" + port + "/"), API).get("/readyz")
                    .status(), "it starts all the same");
        }
    }
}
