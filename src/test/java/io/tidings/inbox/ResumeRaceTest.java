package io.tidings.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes keep arriving while one client disconnects and resumes 200 times: every seq it sees follows the one
 * before it, across welcomes, replays and live frames, so nothing is missed and nothing comes twice.
 */
class ResumeRaceTest {
    static final int RESUMES = 200;
    static final int PUSHERS = 3;

    @TempDir
    Path dataDir;

    @Test
    void theSeqsAClientSeesAcrossTwoHundredResumesHaveNoGapAndNoRepeat() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_INBOX", "sqlite",
                "TIDINGS_DATA_DIR", dataDir.toString()))) {
            ApiClient api = ApiClient.of(server);
            AtomicBoolean pushing = new AtomicBoolean(true);
            AtomicInteger pushed = new AtomicInteger();
            // Several pushers at once: their pushes commit in one order, and must reach the client in it.
            List<Thread> pushers = new ArrayList<>();
            for (int p = 0; p < PUSHERS; p++) {
                pushers.add(new Thread(() -> {
                    while (pushing.get()) {
                        try {
                            api.post("api/push", "{\"uid\":\"racer\",\"event\":\"tick\"}");
                            pushed.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                }, "pusher-" + p));
            }
            long last;
            String epoch;
            try (WsClient first = WsClient.connectOnline(server.wsFor("racer"))) {
                epoch = first.welcome().getString("epoch");
                last = first.welcome().getJsonNumber("seq").longValue();
            }
            pushers.forEach(Thread::start);
            try {
                for (int round = 0; round < RESUMES; round++) {
                    last = resumeOnce(server, epoch, last, round);
                }
            } finally {
                pushing.set(false);
                for (Thread pusher : pushers) {
                    pusher.join(10_000);
                }
            }
            assertTrue(pushed.get() > RESUMES, "pushes kept arriving: " + pushed.get());
            assertTrue(last > RESUMES / 2, "the client followed them: " + last);
        }
    }

    /** One reconnect: the welcome, the replay, resumed, then a few live frames; returns the last seq seen. */
    private static long resumeOnce(TestServer server, String epoch, long since, int round) throws Exception {
        long last = since;
        try (WsClient client = WsClient.connect(server.ws("uid=racer&token=" + LegacyToken.issue("racer",
                TestServer.KEY) + "&since=" + since + "&epoch=" + epoch))) {
            client.welcome();
            while (true) {
                JsonObject frame = client.nextJson();
                if ("resumed".equals(frame.getString("event"))) {
                    assertTrue(frame.getBoolean("recovered"), "round " + round + ": " + frame);
                    assertEquals(last, frame.getJsonNumber("seq").longValue(), "round " + round);
                    break;
                }
                last = follow(last, frame, round);
            }
            int live = ThreadLocalRandom.current().nextInt(3);
            for (int i = 0; i < live; i++) {
                last = follow(last, client.nextJson(), round);
            }
        }
        return last;
    }

    private static long follow(long last, JsonObject frame, int round) {
        long seq = frame.getJsonNumber("seq").longValue();
        assertEquals(last + 1, seq, "round " + round + ": after " + last + " came " + frame);
        return seq;
    }
}
