package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ChatClient;
import io.tidings.testing.TestServer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A login on one node while the room talks fast: a say stored after the newcomer's history was read must still
 * reach it, and one it read must not come again. A speaker says numbered messages as fast as the server takes
 * them while newcomers log in again and again; each newcomer's history and live says together must be every say
 * from its history's first on, in order, without a gap or a repeat.
 */
class LoginRaceTest {
    static final int LOGINS = 300;
    static final int NEWCOMERS = 3;
    /** Says each newcomer reads: its history (20) and live says after it. */
    static final int SAYS = 50;
    /** Says the speaker sends ahead of its own echo: keeps the room fast without a backlog growing. */
    static final int WINDOW = 16;

    @Test
    void everySayFromTheHistorysStartReachesEachNewcomerOnceAndInOrder() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_EVENT_RATE", "100000",
                "TIDINGS_EVENT_BURST", "100000"));
                ChatClient speaker = ChatClient.inRoom(server.chatFor("speaker"), "speaker", "race")) {
            AtomicBoolean talking = new AtomicBoolean(true);
            AtomicInteger said = new AtomicInteger();
            CountDownLatch history = new CountDownLatch(2 * WINDOW); // a history to read before the first newcomer
            ExecutorService threads = Executors.newFixedThreadPool(NEWCOMERS + 1);
            try {
                Future<?> speaking = threads.submit(() -> speak(speaker, talking, said, history));
                assertTrue(history.await(1, TimeUnit.MINUTES), "the speaker got going");
                AtomicInteger logins = new AtomicInteger();
                List<Future<String>> newcomers = new ArrayList<>();
                for (int i = 0; i < NEWCOMERS; i++) {
                    int newcomer = i;
                    newcomers.add(threads.submit(() -> {
                        while (logins.getAndIncrement() < LOGINS) {
                            String gap = arrive(server, "n" + newcomer);
                            if (gap != null) {
                                return gap;
                            }
                        }
                        return null;
                    }));
                }
                List<String> gaps = new ArrayList<>();
                for (Future<String> newcomer : newcomers) {
                    String gap = newcomer.get(5, TimeUnit.MINUTES);
                    if (gap != null) {
                        gaps.add(gap);
                    }
                }
                talking.set(false);
                speaking.get(1, TimeUnit.MINUTES);
                assertEquals(List.of(), gaps, "after " + logins.get() + " logins and " + said.get() + " says");
                assertTrue(said.get() > LOGINS, "the room talked throughout: " + said.get() + " says");
            } finally {
                talking.set(false);
                threads.shutdownNow();
            }
        }
    }

    /** Says 0, 1, 2, ... keeping at most {@link #WINDOW} ahead of its own echo. */
    private static Void speak(ChatClient speaker, AtomicBoolean talking, AtomicInteger said, CountDownLatch history)
            throws Exception {
        int echoed = -1;
        for (int n = 0; talking.get(); n++) {
            speaker.say(Integer.toString(n));
            said.set(n + 1);
            history.countDown();
            while (echoed < n - WINDOW) {
                echoed = Integer.parseInt(speaker.next("say").getString("content"));
            }
        }
        return null;
    }

    /**
     * Logs a newcomer in and reads its history (the room's last 20 says) and the says after it; returns what went
     * wrong (a gap or a repeat), or null when every say from the history's first on came once and in order.
     */
    private static String arrive(TestServer server, String uid) throws Exception {
        try (ChatClient newcomer = ChatClient.connect(server.chatFor(uid))) {
            newcomer.login(uid, "race");
            long expected = -1;
            for (int read = 0; read < SAYS; read++) {
                JsonObject say = newcomer.next("say");
                long seq = say.getJsonNumber("seq").longValue();
                if (expected >= 0 && seq != expected) {
                    return uid + ": say " + say.getString("content") + " (seq " + seq + ") came after seq "
                            + (expected - 1) + (seq > expected ? ": " + (seq - expected) + " lost" : ": a repeat")
                            + ", the newcomer's say number " + (read + 1);
                }
                expected = seq + 1;
            }
            return null;
        }
    }
}
