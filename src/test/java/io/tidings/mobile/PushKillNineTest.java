package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.FcmMock;
import io.tidings.testing.LauncherProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real launcher with push jobs pending (stored, collapsing, not yet due), then a restart on the
 * same directory: each job is sent exactly once, with its uid's newest position.
 */
class PushKillNineTest {
    static final String KEY = "push-kill-key-0123456789abcdef0123";
    static final String API_KEY = "push-kill-api-key-0123456789";
    static final int UIDS = 5;
    static final int MESSAGES = 3;

    @TempDir
    Path dir;

    @Test
    void pendingJobsSurviveKillNineAndAreEachSentOnce() throws Exception {
        try (FcmMock google = new FcmMock(dir.resolve("fcm"))) {
            Map<String, String> env = new HashMap<>(google.settings());
            env.putAll(Map.of("TIDINGS_KEY", KEY, "TIDINGS_API_KEY", API_KEY, "TIDINGS_PORT", "0", "TIDINGS_HOST",
                    "127.0.0.1", "TIDINGS_DATA_DIR", dir.resolve("data").toString(),
                    // Long enough that the first server is killed before any job is due.
                    "TIDINGS_PUSH_COLLAPSE", "10"));
            Map<String, Long> last = new HashMap<>();
            try (LauncherProcess first = new LauncherProcess(env)) {
                ApiClient api = api(first.awaitPort(Duration.ofSeconds(60)));
                for (int u = 0; u < UIDS; u++) {
                    assertEquals(200, api.post("api/devices", "{\"uid\":\"k" + u + "\",\"platform\":\"fcm\","
                            + "\"token\":\"fcm-k" + u + "\"}").status());
                }
                for (int m = 0; m < MESSAGES; m++) {
                    for (int u = 0; u < UIDS; u++) {
                        ApiClient.Reply reply = api.post("api/push", "{\"uid\":\"k" + u + "\",\"event\":\"e\"}");
                        assertEquals(200, reply.status(), reply.body());
                        last.put("fcm-k" + u, reply.json().getJsonNumber("seq").longValue());
                    }
                }
                assertEquals(UIDS, api.metric("tidings_push_jobs_made_total{kind=\"offline\"}") / MESSAGES);
                first.kill();
            }
            assertEquals(List.of(), google.received(), "nothing was due before the kill");

            try (LauncherProcess second = new LauncherProcess(env)) {
                ApiClient api = api(second.awaitPort(Duration.ofSeconds(60)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((google.received().size() < UIDS || api.metric("tidings_push_queue_depth") > 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(UIDS, google.received().size(), "each pending job sent once: " + google.received());
                for (FcmMock.Received push : google.received()) {
                    assertEquals(Long.toString(last.get(push.token())),
                            push.message().getJsonObject("data").getString("seq"));
                    assertEquals(Integer.toString(MESSAGES), push.message().getJsonObject("data").getString("count"));
                }
                int exit = second.terminate(Duration.ofSeconds(30));
                assertTrue(exit == 0 || exit == 143, "exit code " + exit + "\n" + second.output());
            }
        }
    }

    static ApiClient api(int port) {
        return ApiClient.at(URI.create("http://127.0.0.1:" + port + "/"), "Bearer " + API_KEY);
    }

}
