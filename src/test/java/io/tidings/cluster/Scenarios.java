package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.TestCluster;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What every Redis layout must carry, checked the same way on each (standalone, shards, Sentinel, Cluster). */
final class Scenarios {
    private Scenarios() {
    }

    /**
     * Sessions of many uids (spread over every shard or slot) on two nodes: pushes from the third reach each
     * once, group and broadcast pushes reach theirs, presence and newest-wins hold, and a client resumes on the
     * other node with nothing lost.
     */
    static void everythingCrossesNodes(TestCluster cluster, String tag) throws Exception {
        int uids = 12;
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < uids; i++) {
                clients.add(WsClient.connectOnline(cluster.ws(i % 2, tag + i)));
            }
            ApiClient api = cluster.api(cluster.size() - 1);
            for (int i = 0; i < uids; i++) {
                JsonObject pushed = api.post("/api/push", "{\"uid\":\"" + tag + i + "\",\"event\":\"n\"}").json();
                assertEquals(1, pushed.getInt("delivered"), pushed.toString());
                assertEquals("n", clients.get(i).nextJson().getString("event"));
            }
            api.post("/api/groups/" + tag + "-room/join", "{\"uid\":\"" + tag + "0\"}");
            api.post("/api/groups/" + tag + "-room/join", "{\"uid\":\"" + tag + "1\"}");
            assertEquals(2, api.post("/api/push", "{\"group\":\"" + tag + "-room\",\"event\":\"say\"}").json()
                    .getInt("delivered"));
            assertEquals("say", clients.get(0).nextJson().getString("event"));
            assertEquals("say", clients.get(1).nextJson().getString("event"));
            assertEquals(200, api.post("/api/push", "{\"all\":true,\"event\":\"notice\"}").status());
            for (WsClient client : clients) {
                assertEquals("notice", client.nextJson().getString("event"));
            }
            assertTrue(cluster.api(0).get("/api/online?uid=" + tag + "1").json().getBoolean("online"));
            try (WsClient replacement = WsClient.connectOnline(cluster.ws(0, tag + "1"))) {
                clients.get(1).assertClosedWith(4002, "uid exists");
                replacement.welcome();
            }
            WsClient leaving = clients.get(2);
            JsonObject welcome = leaving.welcome();
            leaving.close();
            for (int i = 1; i <= 3; i++) {
                api.post("/api/push", "{\"uid\":\"" + tag + "2\",\"event\":\"missed\",\"data\":{\"i\":" + i + "}}");
            }
            long seq = welcome.getJsonNumber("seq").longValue() + 1; // "n" (the broadcast is in the "*" stream)
            try (WsClient back = WsClient.connect(cluster.node(1).ws("uid=" + tag + "2&token="
                    + LegacyToken.issue(tag + "2", TestServer.KEY) + "&since=" + seq + "&epoch="
                    + welcome.getString("epoch")))) {
                back.welcome();
                for (int i = 1; i <= 3; i++) {
                    assertEquals(i, back.nextJson().getJsonObject("data").getInt("i"));
                }
                assertTrue(back.nextJson().getBoolean("recovered"));
            }
            for (WsClient client : clients) {
                if (client.isOpen()) {
                    assertNull(client.poll(Duration.ofMillis(50)), "nothing more, nothing twice");
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
