package io.tidings.cluster;

import static io.tidings.cluster.RedisFaultsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tidings.testing.ApiClient;
import io.tidings.testing.RedisCluster;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A local Redis Cluster of three masters, each with a replica (redis-cluster://...): each stream's keys share a
 * slot, so its script runs on one master; nodes hear each other over classic pub/sub, which the cluster relays to
 * every Redis node. When the master holding a node's subscription and a uid's keys is killed, its replica takes
 * over and the nodes follow by themselves: Lettuce re-homes classic subscriptions (it does not re-home sharded
 * ones, lettuce #3213, which is why Tidings does not use them).
 */
class RedisClusterTest {
    @Test
    void aThreeMasterClusterCarriesEverythingAndSurvivesAMasterKilled() throws Exception {
        try (RedisCluster redis = RedisCluster.start(3, 1);
                TestCluster cluster = TestCluster.start(redis.url(), 3)) {
            Scenarios.everythingCrossesNodes(cluster, "rc");
            try (WsClient client = WsClient.connectOnline(cluster.ws(0, "rc-f"))) {
                ApiClient api = cluster.api(1);
                assertEquals(1, api.post("/api/push", "{\"uid\":\"rc-f\",\"event\":\"before\"}").json()
                        .getInt("delivered"));
                assertEquals("before", client.nextJson().getString("event"));
                RedisServer doomed = subscriptionHolder(redis, cluster.prefix() + ":n:n1");
                assertNotNull(doomed, "n1's subscription is on some master");
                doomed.command("WAIT", "1", "5000");
                doomed.kill();
                awaitTrue(() -> {
                    redis.awaitHealthy(Duration.ofSeconds(1));
                    return true;
                }, Duration.ofSeconds(40), "a replica takes over");
                awaitTrue(() -> api.post("/api/push", "{\"uid\":\"rc-f\",\"event\":\"after\"}").status() == 200,
                        Duration.ofSeconds(30), "pushes are stored again");
                assertEquals("after", client.nextJson().getString("event"));
                awaitTrue(() -> cluster.api(0).get("/readyz").status() == 200, Duration.ofSeconds(30), "ready");
                awaitTrue(() -> api.post("/api/push", "{\"uid\":\"rc-f\",\"event\":\"later\"}").json()
                        .getInt("delivered") == 1, Duration.ofSeconds(20), "presence back");
                assertEquals("later", client.nextJson().getString("event"));
            }
        }
    }

    /** The Redis server a subscriber of this channel is connected to. */
    private static RedisServer subscriptionHolder(RedisCluster redis, String channel) throws Exception {
        for (RedisServer server : redis.servers()) {
            String count = server.command("PUBSUB", "NUMSUB", channel);
            if (count != null && count.endsWith("\n1")) {
                return server;
            }
        }
        return null;
    }
}
