package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ClusterOnRedis;
import io.tidings.testing.TestCluster;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes on one Redis: whatever a client or the backend sends on one node reaches the recipients on the
 * others, stored first, in order, once; and only the nodes holding the recipients receive it.
 */
class ClusterDeliveryTest {
    @RegisterExtension
    static final ClusterOnRedis NODES = new ClusterOnRedis(3);

    static TestCluster cluster() {
        return NODES.cluster();
    }

    @Test
    void anAlertTipFromOneNodeReachesItsTargetOnAnother() throws Exception {
        try (WsClient sender = WsClient.connectOnline(cluster().ws(0, "c100"));
                WsClient target = WsClient.connectOnline(cluster().ws(1, "c200"))) {
            long top = target.welcome().getJsonNumber("seq").longValue();
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"c200\",\"content\":\"hi\",\"rid\":1}");
            JsonObject alert = target.nextJson();
            assertEquals("alertTip", alert.getString("event"));
            assertEquals("hi", alert.getString("msg"));
            assertEquals("c100", alert.getString("from"));
            assertEquals(top + 1, alert.getJsonNumber("seq").longValue());
            assertEquals(target.welcome().getString("epoch"), alert.getString("epoch"));
            JsonObject ack = sender.nextJson();
            assertEquals("ack", ack.getString("event"));
            assertEquals(1, ack.getInt("delivered"), ack.toString());
            assertTrue(ack.getBoolean("stored"));
        }
    }

    @Test
    void aPushOnAThirdNodeReachesEverySessionOnceAndInOrder() throws Exception {
        try (WsClient target = WsClient.connectOnline(cluster().ws(1, "c201"))) {
            ApiClient api = cluster().api(2);
            for (int i = 1; i <= 20; i++) {
                ApiClient.Reply reply = api.post("/api/push", "{\"uid\":\"c201\",\"event\":\"n\",\"data\":{\"i\":" + i
                        + "}}");
                assertEquals(200, reply.status(), reply.body());
                assertEquals(1, reply.json().getInt("delivered"));
                assertEquals(i, reply.json().getInt("seq"));
            }
            for (int i = 1; i <= 20; i++) {
                JsonObject frame = target.nextJson();
                assertEquals(i, frame.getJsonObject("data").getInt("i"));
                assertEquals(i, frame.getInt("seq"));
            }
            assertNull(target.poll(Duration.ofMillis(300)), "nothing twice");
        }
    }

    @Test
    void aUidsMessageGoesOnlyToTheNodesHoldingItsSessions() throws Exception {
        try (WsClient target = WsClient.connectOnline(cluster().ws(0, "c300"))) {
            double[] before = receivedStored();
            for (int i = 0; i < 25; i++) {
                assertEquals(200, cluster().api(2).post("/api/push", "{\"uid\":\"c300\",\"event\":\"n\"}").status());
            }
            for (int i = 0; i < 25; i++) {
                target.next();
            }
            double[] after = receivedStored();
            assertEquals(25, after[0] - before[0], "the node holding the session");
            assertEquals(0, after[1] - before[1], "a node without the uid receives nothing for it");
            assertEquals(0, after[2] - before[2], "nor does the node the push came in on");
        }
    }

    @Test
    void aGroupPushGoesToTheNodesWithMembersAndAPushToAllToEveryNode() throws Exception {
        ApiClient api = cluster().api(2);
        assertEquals(200, api.post("/api/groups/room-c/join", "{\"uid\":\"c401\"}").status());
        assertEquals(200, api.post("/api/groups/room-c/join", "{\"uid\":\"c402\"}").status());
        try (WsClient first = WsClient.connectOnline(cluster().ws(0, "c401"));
                WsClient second = WsClient.connectOnline(cluster().ws(1, "c402"));
                WsClient outsider = WsClient.connectOnline(cluster().ws(1, "c403"))) {
            double[] before = receivedStored();
            ApiClient.Reply pushed = api.post("/api/push", "{\"group\":\"room-c\",\"event\":\"say\"}");
            assertEquals(2, pushed.json().getInt("delivered"), pushed.body());
            assertEquals("room-c", first.nextJson().getString("group"));
            assertEquals("room-c", second.nextJson().getString("group"));
            assertNull(outsider.poll(Duration.ofMillis(300)));
            double[] after = receivedStored();
            assertEquals(1, after[0] - before[0]);
            assertEquals(1, after[1] - before[1]);
            assertEquals(0, after[2] - before[2], "no member on the third node");

            ApiClient.Reply everyone = api.post("/api/push", "{\"all\":true,\"event\":\"notice\"}");
            assertEquals(200, everyone.status(), everyone.body());
            for (WsClient client : new WsClient[] {first, second, outsider}) {
                assertEquals("*", client.nextJson().getString("group"));
            }
        }
    }

    @Test
    void aClientResumesOnAnotherNodeWithNothingLostOrTwice() throws Exception {
        ApiClient api = cluster().api(2);
        long seq;
        String epoch;
        try (WsClient first = WsClient.connectOnline(cluster().ws(0, "c500"))) {
            epoch = first.welcome().getString("epoch");
            for (int i = 1; i <= 3; i++) {
                api.post("/api/push", "{\"uid\":\"c500\",\"event\":\"n\",\"data\":{\"i\":" + i + "}}");
            }
            for (int i = 1; i <= 3; i++) {
                first.next();
            }
            seq = first.welcome().getJsonNumber("seq").longValue() + 3;
        }
        for (int i = 4; i <= 6; i++) {
            api.post("/api/push", "{\"uid\":\"c500\",\"event\":\"n\",\"data\":{\"i\":" + i + "}}");
        }
        try (WsClient again = WsClient.connect(cluster().node(1).ws("uid=c500&token="
                + io.tidings.auth.LegacyToken.issue("c500", io.tidings.testing.TestServer.KEY) + "&since=" + seq
                + "&epoch=" + epoch))) {
            again.welcome();
            for (int i = 4; i <= 6; i++) {
                assertEquals(i, again.nextJson().getJsonObject("data").getInt("i"));
            }
            JsonObject resumed = again.nextJson();
            assertEquals("resumed", resumed.getString("event"));
            assertTrue(resumed.getBoolean("recovered"));
            api.post("/api/push", "{\"uid\":\"c500\",\"event\":\"n\",\"data\":{\"i\":7}}");
            assertEquals(7, again.nextJson().getJsonObject("data").getInt("i"));
            assertNull(again.poll(Duration.ofMillis(300)));
        }
    }

    /** tidings_cluster_received{kind="stored"} of each node. */
    static double[] receivedStored() throws Exception {
        return receivedOn(cluster());
    }

    /** Each node's count of stored messages received from the cluster. */
    static double[] receivedOn(TestCluster nodes) throws Exception {
        double[] values = new double[nodes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ClusterMetrics.value(nodes.api(i), "tidings_cluster_received_total{kind=\"stored\"}");
        }
        return values;
    }
}
