package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 200 clients alert each other concurrently: every alert arrives exactly once, in order per sender. */
class ConcurrentAlertsTest {
    static final int CLIENTS = 200;
    static final int ALERTS_EACH = 10;

    @Test
    void everyAlertIsDeliveredExactlyOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<WsClient> clients = connectAll(server, pool);
            List<Callable<Void>> senders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int sender = i;
                senders.add(() -> {
                    for (int k = 0; k < ALERTS_EACH; k++) {
                        // Each client alerts the next three, so every session is written by several threads.
                        int target = (sender + 1 + k % 3) % CLIENTS;
                        clients.get(sender).send("{\"event\":\"alertTip\",\"toUid\":" + target + ",\"content\":\""
                                + sender + ":" + k + "\"}");
                    }
                    return null;
                });
            }
            for (Future<Void> sent : pool.invokeAll(senders, 60, TimeUnit.SECONDS)) {
                sent.get();
            }
            for (int i = 0; i < CLIENTS; i++) {
                assertReceivedExactlyOnce(i, clients.get(i));
            }
            pool.shutdown();
            clients.forEach(WsClient::close);
        }
    }

    private static List<WsClient> connectAll(TestServer server, ExecutorService pool) throws Exception {
        List<Callable<WsClient>> connects = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String uid = Integer.toString(i);
            connects.add(() -> WsClient.connect(server.wsFor(uid)));
        }
        List<WsClient> clients = new ArrayList<>();
        for (Future<WsClient> connected : pool.invokeAll(connects, 60, TimeUnit.SECONDS)) {
            clients.add(connected.get());
        }
        return clients;
    }

    /** What client i must get: every alert aimed at it, once, each sender's in its sending order. */
    private static void assertReceivedExactlyOnce(int receiver, WsClient client) throws InterruptedException {
        List<String> expected = new ArrayList<>();
        for (int sender = 0; sender < CLIENTS; sender++) {
            for (int k = 0; k < ALERTS_EACH; k++) {
                if ((sender + 1 + k % 3) % CLIENTS == receiver) {
                    expected.add(sender + ":" + k);
                }
            }
        }
        Set<String> ids = new HashSet<>();
        List<String> got = new ArrayList<>();
        for (int n = 0; n < expected.size(); n++) {
            JsonObject alert = Json.createReader(new StringReader(client.next())).readObject();
            got.add(alert.getString("msg"));
            ids.add(alert.getString("id"));
        }
        assertEquals(expected.size(), ids.size(), "distinct message ids");
        assertEquals(null, client.poll(java.time.Duration.ofMillis(20)), "no extra (duplicate) frame for " + receiver);
        List<String> sortedGot = new ArrayList<>(got);
        sortedGot.sort(null);
        List<String> sortedExpected = new ArrayList<>(expected);
        sortedExpected.sort(null);
        assertEquals(sortedExpected, sortedGot, "the exact alerts, once each, for " + receiver);
        for (int sender = 0; sender < CLIENTS; sender++) {
            String prefix = sender + ":";
            List<String> fromSender = got.stream().filter(m -> m.startsWith(prefix)).toList();
            List<String> inOrder = expected.stream().filter(m -> m.startsWith(prefix)).toList();
            assertEquals(inOrder, fromSender, "per-sender order for " + receiver);
        }
    }
}
