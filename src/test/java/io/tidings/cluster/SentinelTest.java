package io.tidings.cluster;

import static io.tidings.cluster.RedisFaultsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.ApiClient;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis behind Sentinel (redis-sentinel://...#master): the nodes find the master through Sentinel, and when it is
 * killed and Sentinel promotes its replica, they follow by themselves and keep delivering to their sessions.
 */
class SentinelTest {
    @Test
    void nodesFollowAFailoverAndKeepDelivering() throws Exception {
        try (RedisServer master = RedisServer.start();
                RedisServer replica = RedisServer.replicaOf(master);
                RedisServer sentinel = RedisServer.sentinel("tidings-main", master);
                TestCluster cluster = TestCluster.start("redis-sentinel://127.0.0.1:" + sentinel.port()
                        + "#tidings-main", 2)) {
            Scenarios.everythingCrossesNodes(cluster, "sen");
            try (WsClient client = WsClient.connectOnline(cluster.ws(0, "sen-f"))) {
                ApiClient api = cluster.api(1);
                assertEquals(200, api.post("/api/push", "{\"uid\":\"sen-f\",\"event\":\"before\"}").status());
                assertEquals("before", client.nextJson().getString("event"));
                master.command("WAIT", "1", "5000"); // the replica has it all: this test is about the nodes
                master.kill();
                awaitTrue(() -> replica.command("ROLE").startsWith("master"), Duration.ofSeconds(30),
                        "Sentinel promotes the replica");
                awaitTrue(() -> api.post("/api/push", "{\"uid\":\"sen-f\",\"event\":\"after\"}").status() == 200,
                        Duration.ofSeconds(30), "pushes are stored again");
                assertEquals("after", client.nextJson().getString("event"));
                awaitTrue(() -> api.get("/readyz").status() == 200 && cluster.api(0).get("/readyz").status() == 200,
                        Duration.ofSeconds(20), "both nodes ready");
                assertEquals(1, api.post("/api/push", "{\"uid\":\"sen-f\",\"event\":\"later\"}").json()
                        .getInt("delivered"));
                assertEquals("later", client.nextJson().getString("event"));
            }
        }
    }
}
