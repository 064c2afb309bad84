package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inbox in each container, on SQLite in the deployment's data directory: stored, welcomed, resumed. */
@ExtendWith(ContainerExtension.class)
class InboxIT {
    static Deployment tidings;
    static ApiClient api;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
        api = ApiClient.at(tidings.base());
    }

    @Test
    void whatArrivesWhileAUserIsAwayIsReplayedWhenTheyResume() throws Exception {
        String epoch;
        long since;
        try (WsClient client = WsClient.connectOnline(tidings.wsFor("inbox-it"))) {
            JsonObject welcome = client.welcome();
            epoch = welcome.getString("epoch");
            since = welcome.getJsonNumber("seq").longValue();
        }
        JsonObject answer = api.post("api/push", "{\"uid\":\"inbox-it\",\"event\":\"reply\",\"data\":{\"post\":9}}")
                .json();
        assertTrue(answer.getBoolean("stored"));
        assertEquals(since + 1, answer.getJsonNumber("seq").longValue());
        String query = "uid=inbox-it&token=" + io.tidings.auth.LegacyToken.issue("inbox-it", TestServer.KEY)
                + "&since=" + since + "&epoch=" + epoch;
        try (WsClient client = WsClient.connect(tidings.ws("ws", query))) {
            assertEquals(since + 1, client.welcome().getJsonNumber("seq").longValue());
            JsonObject replayed = client.nextJson();
            assertEquals("reply", replayed.getString("event"));
            assertEquals(answer.getString("id"), replayed.getString("id"));
            JsonObject resumed = client.nextJson();
            assertEquals("resumed", resumed.getString("event"));
            assertTrue(resumed.getBoolean("recovered"));
            client.send("{\"event\":\"history\",\"limit\":1}");
            assertEquals(answer.getString("id"), client.nextJson().getJsonArray("messages").getJsonObject(0)
                    .getString("id"));
        }
        assertEquals(since + 1, api.get("api/inbox?uid=inbox-it").json().getJsonNumber("seq").longValue());
    }
}
