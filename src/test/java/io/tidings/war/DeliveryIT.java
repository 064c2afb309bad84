package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.event.BuiltinEvents;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** alertTip end to end, including many deliveries racing to one session (Tomcat throws on concurrent sends). */
@ExtendWith(ContainerExtension.class)
class DeliveryIT {
    static Deployment tidings;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
    }

    @Test
    void alertTipReachesTheTargetWithSenderIdAndTime() throws Exception {
        try (WsClient target = WsClient.connect(tidings.wsFor("a100"));
             WsClient sender = WsClient.connect(tidings.wsFor("a101"))) {
            long before = System.currentTimeMillis();
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a100\",\"content\":\"your comment got a reply\"}");
            JsonObject alert = target.nextJson();
            assertEquals("alertTip", alert.getString("event"));
            assertEquals("your comment got a reply", alert.getString("msg"));
            assertEquals("a101", alert.getString("from"));
            assertTrue(!alert.getString("id").isEmpty());
            assertTrue(alert.getJsonNumber("ts").longValue() >= before - 1000);
        }
    }

    @Test
    void eachSessionActsAsItselfWhoeverConnectedLast() throws Exception {
        // Catches a container that shares one endpoint instance among sessions: the last one to open would
        // then answer for all of them.
        try (WsClient sender = WsClient.connect(tidings.wsFor("a110"));
             WsClient target = WsClient.connect(tidings.rootWsFor("a111"));
             WsClient latest = WsClient.connect(tidings.wsFor("a112"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a111\",\"rid\":1}");
            assertEquals("a110", target.nextJson().getString("from"));
            assertEquals("ack", sender.nextJson().getString("event"));
            assertNull(latest.poll(Duration.ofMillis(100)));
        }
    }

    @Test
    void numericToUidAndDefaultTextAsTheSeedPageSendsThem() throws Exception {
        try (WsClient target = WsClient.connect(tidings.wsFor("4242"));
             WsClient sender = WsClient.connect(tidings.wsFor("a102"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":4242}");
            assertEquals(BuiltinEvents.DEFAULT_ALERT, target.nextJson().getString("msg"));
        }
    }

    @Test
    void textOutsideAsciiArrivesIntactBothWays() throws Exception {
        String text = "héllo 你好 👋 \"quoted\" \\ back";
        try (WsClient target = WsClient.connectOnline(tidings.wsFor("a103"));
             WsClient sender = WsClient.connect(tidings.wsFor("a104"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a103\",\"content\":\"héllo 你好 👋 \\\"quoted\\\" \\\\ back\"}");
            assertEquals(text, target.nextJson().getString("msg"));
        }
    }

    @Test
    void ridIsAcknowledgedWithTheDeliveredCountAndAnOfflineTargetKeepsTheSenderConnected() throws Exception {
        try (WsClient target = WsClient.connect(tidings.wsFor("a105"));
             WsClient sender = WsClient.connect(tidings.wsFor("a106"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a105\",\"rid\":7}");
            JsonObject ack = sender.nextJson();
            assertEquals("ack", ack.getString("event"));
            assertEquals(7, ack.getInt("rid"));
            assertEquals(1, ack.getInt("delivered"));
            assertEquals(target.nextJson().getString("id"), ack.getString("id"));

            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a-nobody\",\"rid\":\"r2\"}");
            JsonObject offline = sender.nextJson();
            assertEquals("r2", offline.getString("rid"));
            assertEquals(0, offline.getInt("delivered"));
            sender.send("{\"event\":\"ping\"}");
            assertEquals("pong", sender.nextJson().getString("event"));
        }
    }

    @Test
    void manyConcurrentDeliveriesToOneSessionAllArriveComplete() throws Exception {
        int senders = 8;
        int each = 30; // within TIDINGS_EVENT_BURST (40): the senders are fast, not abusive
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<WsClient> clients = new ArrayList<>();
        try (WsClient target = WsClient.connect(tidings.wsFor("a200"))) {
            for (int s = 0; s < senders; s++) {
                clients.add(WsClient.connect(tidings.wsFor("a2" + (10 + s))));
            }
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                WsClient sender = clients.get(s);
                int from = s;
                sending.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            sender.send("{\"event\":\"alertTip\",\"toUid\":\"a200\",\"content\":\"m-" + from + "-" + i
                                    + "-" + "x".repeat(200) + "\"}");
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> received = new HashSet<>();
            for (int n = 0; n < senders * each; n++) {
                JsonObject alert = target.nextJson();
                assertTrue(received.add(alert.getString("msg")), "delivered twice: " + alert);
            }
            for (int s = 0; s < senders; s++) {
                for (int i = 0; i < each; i++) {
                    assertTrue(received.contains("m-" + s + "-" + i + "-" + "x".repeat(200)), "lost m-" + s + "-" + i);
                }
            }
            assertNull(target.poll(Duration.ofMillis(100)), "more frames than were sent");
            assertTrue(target.isOpen());
        } finally {
            clients.forEach(WsClient::close);
            pool.shutdownNow();
        }
    }
}
