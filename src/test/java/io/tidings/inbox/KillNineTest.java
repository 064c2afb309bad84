package io.tidings.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.LauncherProcess;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real launcher while acknowledged pushes pour in, then a restart on the same directory: every
 * push that was answered 200 is there, once, in the order of its seq, in the same epoch.
 */
class KillNineTest {
    static final String KEY = "kill-nine-key-0123456789abcdef01234";
    static final String API_KEY = "kill-nine-api-key-0123456789";
    static final int PUSHERS = 4;
    static final int ACKED_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    LauncherProcess launch() {
        try {
            return new LauncherProcess(Map.of("TIDINGS_KEY", KEY, "TIDINGS_API_KEY", API_KEY, "TIDINGS_PORT", "0",
                    "TIDINGS_HOST", "127.0.0.1", "TIDINGS_DATA_DIR", dataDir.toString()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ApiClient api(int port) {
        return ApiClient.at(URI.create("http://127.0.0.1:" + port + "/"), "Bearer " + API_KEY);
    }

    @Test
    void everyAcknowledgedPushSurvivesKillNineOnceAndInOrder() throws Exception {
        Map<Long, String> acked = new ConcurrentHashMap<>();
        Map<String, Boolean> epochs = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(ACKED_BEFORE_KILL);
        List<Thread> pushers = new ArrayList<>();
        try (LauncherProcess first = launch()) {
            ApiClient api = api(first.awaitPort(Duration.ofSeconds(60)));
            for (int p = 0; p < PUSHERS; p++) {
                int pusher = p;
                Thread thread = new Thread(() -> {
                    for (int n = 0; ; n++) {
                        try {
                            Reply reply = api.post("api/push", "{\"uid\":\"survivor\",\"event\":\"e\",\"data\":{\"p\":"
                                    + pusher + ",\"n\":" + n + "}}");
                            if (reply.status() != 200) {
                                return;
                            }
                            JsonObject answer = reply.json();
                            acked.put(answer.getJsonNumber("seq").longValue(), answer.getString("id"));
                            epochs.put(answer.getString("epoch"), true);
                            enough.countDown();
                        } catch (Exception connectionGone) {
                            return;
                        }
                    }
                }, "pusher-" + p);
                thread.start();
                pushers.add(thread);
            }
            assertTrue(enough.await(60, TimeUnit.SECONDS), "only " + acked.size() + " pushes acknowledged");
            first.kill();
        }
        for (Thread pusher : pushers) {
            pusher.join(30_000);
        }
        assertEquals(1, epochs.size(), "one epoch: " + epochs.keySet());
        try (LauncherProcess second = launch()) {
            ApiClient api = api(second.awaitPort(Duration.ofSeconds(60)));
            List<JsonObject> stored = new ArrayList<>();
            long after = 0;
            String epoch = null;
            while (true) {
                JsonObject page = api.get("api/inbox?uid=survivor&limit=1000&after=" + after).json();
                epoch = page.getString("epoch");
                JsonArray messages = page.getJsonArray("messages");
                messages.forEach(m -> stored.add(m.asJsonObject()));
                if (!page.getBoolean("more")) {
                    break;
                }
                after = stored.get(stored.size() - 1).getJsonNumber("seq").longValue();
            }
            assertEquals(epochs.keySet().iterator().next(), epoch, "the epoch survives the crash");
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(i + 1, stored.get(i).getJsonNumber("seq").longValue(), "consecutive, each once");
            }
            for (Map.Entry<Long, String> ack : acked.entrySet()) {
                assertTrue(ack.getKey() <= stored.size(), "acknowledged seq " + ack.getKey() + " lost; "
                        + stored.size() + " stored");
                assertEquals(ack.getValue(), stored.get((int) (ack.getKey() - 1)).getString("id"),
                        "seq " + ack.getKey() + " holds the message acknowledged with it");
            }
            assertTrue(stored.size() >= acked.size());
        }
    }
}
