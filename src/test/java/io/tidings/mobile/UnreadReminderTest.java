package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.ApiClient;
import io.tidings.testing.FcmMock;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TIDINGS_PUSH_AFTER: what a session received but nobody read in time goes to the phone too; what was read not. */
class UnreadReminderTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadMessageIsPushedAfterTheDelayAReadOneIsNot() throws Exception {
        try (FcmMock google = new FcmMock(dir)) {
            Map<String, String> settings = new HashMap<>(google.settings());
            settings.put("TIDINGS_PUSH_AFTER", "1");
            try (TestServer server = TestServer.start(settings)) {
                ApiClient api = ApiClient.of(server);
                assertEquals(200, api.post("api/devices", "{\"uid\":\"r1\",\"platform\":\"fcm\",\"token\":\"fcm-r1\"}")
                        .status());
                try (WsClient tab = WsClient.connectOnline(server.wsFor("r1"))) {
                    api.post("api/push", "{\"uid\":\"r1\",\"event\":\"reply\"}");
                    long read = tab.nextJson().getJsonNumber("seq").longValue();
                    tab.send("{\"event\":\"read\",\"upTo\":" + read + "}");
                    tab.nextJson(); // the unread count: the read mark is stored
                    long unread = api.post("api/push", "{\"uid\":\"r1\",\"event\":\"reply\"}").json()
                            .getJsonNumber("seq").longValue();
                    tab.next();

                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while ((google.received().isEmpty() || depth(api) > 0) && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertEquals(1, google.received().size(), "only the unread message is pushed");
                    assertEquals(Long.toString(unread), google.received().get(0).message().getJsonObject("data")
                            .getString("seq"));
                    assertEquals("1", google.received().get(0).message().getJsonObject("data").getString("count"),
                            "the read message is not counted");
                    assertEquals("收到一条新的回复.", google.received().get(0).message().getJsonObject("notification")
                            .getString("body"));
                }
            }
        }
    }

    static double depth(ApiClient api) throws Exception {
        return api.metric("tidings_push_queue_depth");
    }

}
