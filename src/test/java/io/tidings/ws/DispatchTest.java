package io.tidings.ws;

import static io.tidings.ws.AuthenticationTest.assertClosed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.event.BuiltinEvents;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inbound frames: what is dispatched, what closes 4003/4004/1009, and alertTip's delivery contract. */
class DispatchTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_MAX_FRAME", "4096"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"event\"", "42", "{}", "{\"event\":\"\"}", "{\"event\":7}",
        "{\"event\":null}", "{\"event\":[\"ping\"]}", "{\"event\":\"ping\"} trailing", "{\"event\":\"ping\"",
        // Half a surrogate pair, found by InboundFuzzTest: it used to reach the target as '?'.
        "{\"event\":\"alertTip\",\"toUid\":1,\"content\":\"a\\ud83db\"}", "{\"event\":\"ping\",\"rid\":[\"\\udc00\"]}"})
    void malformedFramesCloseDataFormatInvalid(String frame) throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("800"))) {
            client.send(frame);
            assertClosed(client, 4003, "data format invalid");
        }
    }

    @Test
    void binaryFrameClosesDataFormatInvalid() throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("801"))) {
            client.sendBinary(ByteBuffer.wrap("{\"event\":\"ping\"}".getBytes()));
            assertClosed(client, 4003, "data format invalid");
        }
    }

    /** Seed 004 let a client call any public method; here nothing but @OnEvent methods is reachable. */
    @ParameterizedTest
    @ValueSource(strings = {"close", "push", "onOpen", "onMessage", "toString", "getClass", "wait", "hashCode",
        "notify", "checkAccess", "start", "dispatch", "Ping", "alerttip", "nosuch"})
    void unknownEventsCloseEventNotExistsAndDoNothing(String event) throws Exception {
        try (WsClient target = WsClient.connect(server.wsFor("802"));
             WsClient client = WsClient.connect(server.wsFor("803"))) {
            client.send("{\"event\":\"" + event + "\",\"toUid\":802,\"fd\":1}");
            assertClosed(client, 4004, "event not exists");
            assertNull(target.poll(Duration.ofMillis(100)), "nothing reached anyone");
            assertTrue(target.isOpen());
        }
    }

    @Test
    void oversizedFrameCloses1009() throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("804"))) {
            client.send("{\"event\":\"alertTip\",\"toUid\":1,\"content\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(1009, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void alertTipCarriesUnicodeExactlyWithSenderIdAndTime() throws Exception {
        String content = "回复了你的评论 👍🏽 «ok» \"quoted\" \\ back\nline";
        try (WsClient target = WsClient.connectOnline(server.wsFor("805"));
             WsClient sender = WsClient.connect(server.wsFor("806"))) {
            sender.send(server.tidings().jsonb().toJson(Map.of("event", "alertTip", "toUid", "805", "content", content)));
            JsonObject alert = target.nextJson();
            assertEquals("alertTip", alert.getString("event"));
            assertEquals(content, alert.getString("msg"));
            assertEquals("806", alert.getString("from"));
            assertTrue(alert.getString("id").length() > 3);
            assertTrue(Math.abs(alert.getJsonNumber("ts").longValue() - System.currentTimeMillis()) < 60_000);
        }
    }

    @Test
    void alertTipWithoutContentUsesTheSeedText() throws Exception {
        try (WsClient target = WsClient.connectOnline(server.wsFor("807"));
             WsClient sender = WsClient.connect(server.wsFor("808"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":807}");
            assertEquals(BuiltinEvents.DEFAULT_ALERT, target.nextJson().getString("msg"));
        }
    }

    @Test
    void offlineTargetLeavesTheSenderConnectedAndAcksZero() throws Exception {
        try (WsClient sender = WsClient.connect(server.wsFor("809"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":123456,\"rid\":\"a-1\"}");
            JsonObject ack = sender.nextJson();
            assertEquals("ack", ack.getString("event"));
            assertEquals("a-1", ack.getString("rid"));
            assertEquals(0, ack.getInt("delivered"));
            sender.send("{\"event\":\"ping\"}");
            assertEquals("pong", sender.nextJson().getString("event"));
        }
    }

    @Test
    void ackEchoesANumericRid() throws Exception {
        try (WsClient target = WsClient.connectOnline(server.wsFor("810"));
             WsClient sender = WsClient.connect(server.wsFor("811"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":810,\"rid\":42}");
            JsonObject ack = sender.nextJson();
            assertEquals(42, ack.getInt("rid"));
            assertEquals(1, ack.getInt("delivered"));
            assertEquals(target.nextJson().getString("id"), ack.getString("id"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":\"alertTip\"}", "{\"event\":\"alertTip\",\"toUid\":\"\"}",
        "{\"event\":\"alertTip\",\"toUid\":1.5}", "{\"event\":\"alertTip\",\"toUid\":{}}",
        "{\"event\":\"alertTip\",\"toUid\":\"a b\"}", "{\"event\":\"alertTip\",\"toUid\":1,\"content\":5}"})
    void alertTipWithABadTargetOrContentClosesDataFormatInvalid(String frame) throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("812"))) {
            client.send(frame);
            assertClosed(client, 4003, "data format invalid");
        }
    }
}
