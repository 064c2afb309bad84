package io.tidings.ws;

import static io.tidings.ws.AuthenticationTest.assertClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.hub.LiveSession;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Session policy: newest wins (default) even under racing logins; "all" keeps every tab. */
class NewestWinsTest {

    @Test
    void aNewSessionReplacesTheOldOneAndTakesItsDeliveries() throws Exception {
        try (TestServer server = TestServer.start();
             WsClient first = WsClient.connect(server.wsFor("500"));
             WsClient sender = WsClient.connect(server.wsFor("501"))) {
            WsClient second = WsClient.connect(server.wsFor("500"));
            assertClosed(first, 4002, "uid exists");
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"500\",\"rid\":1}");
            assertEquals("alertTip", second.nextJson().getString("event"));
            assertEquals(1, sender.nextJson().getInt("delivered"));
            assertTrue(second.isOpen());
            second.close();
        }
    }

    @Test
    void manyConcurrentLoginsOfOneUidLeaveExactlyOneLiveSession() throws Exception {
        int logins = 24;
        try (TestServer server = TestServer.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(logins);
            List<Callable<WsClient>> attempts = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                attempts.add(() -> WsClient.connect(server.wsFor("600")));
            }
            List<WsClient> clients = new ArrayList<>();
            for (Future<WsClient> future : pool.invokeAll(attempts, 30, TimeUnit.SECONDS)) {
                clients.add(future.get());
            }
            pool.shutdown();

            assertEquals(1, server.tidings().hub().sessions("600").size(), "exactly one registered session");
            try (WsClient sender = WsClient.connect(server.wsFor("601"))) {
                sender.send("{\"event\":\"alertTip\",\"toUid\":600,\"rid\":\"r\"}");
                assertEquals(1, sender.nextJson().getInt("delivered"));
            }
            WsClient survivor = awaitReceiver(clients);
            assertEquals("alertTip", survivor.nextJson().getString("event"));
            int replaced = 0;
            for (WsClient client : clients) {
                if (client != survivor) {
                    assertClosed(client, 4002, "uid exists");
                    assertEquals(0, client.pending(), "a replaced session received nothing");
                    replaced++;
                }
            }
            assertTrue(survivor != null && survivor.isOpen(), "the survivor received the alert and is open");
            assertEquals(logins - 1, replaced, "every other session was replaced with 4002");
            // All replaced sessions' closes have been processed: the successor is still the registered one.
            LiveSession registered = server.tidings().hub().sessions("600").get(0);
            assertEquals(1, server.tidings().hub().sessions("600").size());
            assertTrue(registered.send("{\"event\":\"probe\"}"));
            assertEquals("probe", survivor.nextJson().getString("event"));
            survivor.close();
        }
    }

    /** The one client that received a message; polls with a deadline. */
    private static WsClient awaitReceiver(List<WsClient> clients) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (WsClient client : clients) {
                if (client.pending() > 0) {
                    return client;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no session received the alert within " + WsClient.WAIT);
    }

    @Test
    void policyAllKeepsEveryTabAndDeliversToEach() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_SESSION_POLICY", "all"));
             WsClient tab1 = WsClient.connect(server.wsFor("700"));
             WsClient tab2 = WsClient.connect(server.wsFor("700"));
             WsClient sender = WsClient.connect(server.wsFor("701"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":700,\"content\":\"hi\",\"rid\":9}");
            assertEquals("hi", tab1.nextJson().getString("msg"));
            assertEquals("hi", tab2.nextJson().getString("msg"));
            assertEquals(2, sender.nextJson().getInt("delivered"));
            tab1.close();
            assertFalse(tab1.isOpen());
        }
    }
}
