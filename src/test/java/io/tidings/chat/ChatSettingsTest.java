package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.config.ConfigException;
import io.tidings.testing.ApiClient;
import io.tidings.testing.ChatClient;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat settings, each on a server of its own: access, the group limits, the ping, the chat port, off. */
class ChatSettingsTest {
    static final Duration QUIET = Duration.ofMillis(400);

    @Test
    void inMembersRoomsOnlyTheBackendsMembersEnter() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT", "members"));
                ChatClient client = ChatClient.connect(server.chatFor("m1"))) {
            client.send("{\"type\":\"login\",\"client_name\":\"m\",\"room_id\":\"vip\"}");
            client.expectError(103);
            ApiClient api = ApiClient.of(server);
            assertEquals(200, api.post("api/groups/room@vip/join", "{\"uid\":\"m1\"}").status());
            client.login("m", "vip");
            client.say("in at last");
            assertEquals("in at last", client.next("say").getString("content"));
            client.close();
            awaitNoSeats(server);
            assertEquals("[\"m1\"]", api.get("api/groups/room@vip").json().getJsonArray("members").toString(),
                    "in members rooms membership is the backend's: leaving the room keeps it");
        }
    }

    @Test
    void aRoomAtItsGroupLimitIsRefusedAndTheSessionStays() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_MAX_GROUP_MEMBERS", "1"));
                ChatClient first = ChatClient.inRoom(server.chatFor("f1"), "first", "small");
                ChatClient second = ChatClient.connect(server.chatFor("f2"))) {
            second.send("{\"type\":\"login\",\"client_name\":\"second\",\"room_id\":\"small\"}");
            JsonObject error = second.nextJson();
            assertEquals(107, error.getInt("code"));
            assertEquals("the room is full: TIDINGS_MAX_GROUP_MEMBERS=1", error.getString("msg"));
            assertNull(first.poll(QUIET), "the room never heard of the refused newcomer");
            second.say("not in a room");
            second.expectError(102);
            second.send("{\"type\":\"pm\",\"to\":\"f1\",\"content\":\"but still logged in\"}");
            assertEquals("but still logged in", first.next("pm").getString("content"));
            second.next("pm"); // its own copy
            second.login("second", "other");
        }
    }

    @Test
    void aLoginToAnotherRoomLeavesTheFirstUnderTheSameClientId() throws Exception {
        try (TestServer server = TestServer.start();
                ChatClient mover = ChatClient.connect(server.chatFor("r1"));
                ChatClient inA = ChatClient.inRoom(server.chatFor("r2"), "a", "A");
                ChatClient inB = ChatClient.inRoom(server.chatFor("r3"), "b", "B")) {
            String id = mover.login("mover", "A").getString("client_id");
            inA.next("login");
            assertEquals(id, mover.login("mover", "B").getString("client_id"));
            assertEquals(id, inA.next("logout").getString("from_client_id"));
            assertEquals(id, inB.next("login").getString("client_id"));
            mover.say("now in B");
            assertEquals("now in B", inB.next("say").getString("content"));
            assertNull(inA.poll(QUIET));
        }
    }

    @Test
    void theServerPingsAndAnAnsweringClientStaysWhileASilentOneIsClosed4005AndTheRoomHearsItLeft() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT_PING", "1", "TIDINGS_HEARTBEAT_IDLE", "3",
                "TIDINGS_HEARTBEAT_INTERVAL", "1"));
                ChatClient answering = ChatClient.inRoom(server.chatFor("p1"), "p", "pings");
                RawWebSocket silent = RawWebSocket.connect(server.chatFor("p2"), 0)) {
            // a client whose machine froze or lost its network: logged in, then nothing, not even a pong to a ping
            silent.sendText("{\"type\":\"login\",\"client_name\":\"silent\",\"room_id\":\"pings\"}");
            boolean heardItLeave = false;
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                String frame = answering.poll(Duration.ofMillis(200)); // answers each ping with a pong
                heardItLeave |= frame != null && frame.startsWith("{\"type\":\"logout\"")
                        && frame.contains("\"from_client_name\":\"silent\"");
            }
            assertTrue(answering.pings() >= 3, "pinged every second: " + answering.pings());
            assertTrue(answering.ws().isOpen(), "a client that answers the pings stays");
            List<String> texts = new ArrayList<>();
            RawWebSocket.Frame frame = silent.readAnyFrame();
            for (; frame.opcode() != 8; frame = silent.readAnyFrame()) {
                if (frame.opcode() == 1) {
                    texts.add(frame.text());
                }
            }
            assertEquals(4005, frame.closeCode());
            assertEquals("heartbeat timeout", frame.text());
            assertTrue(texts.get(0).contains("\"client_list\""), "the login answer first: " + texts);
            assertTrue(texts.contains(ChatClient.PING), "workerman-chat's ping, exactly: " + texts);
            if (!heardItLeave) {
                assertEquals("silent", answering.next("logout").getString("from_client_name"));
            }
        }
    }

    @Test
    void theChatPortServesWorkermanChatsClientsAtTheBareAddress() throws Exception {
        int port = TestServer.freePort();
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT_PORT", Integer.toString(port)))) {
            assertEquals(port, server.chatPort());
            String credentials = "uid=w1&token=" + LegacyToken.issue("w1", TestServer.KEY);
            for (String path : new String[] {"/", "/any/path"}) {
                try (ChatClient client = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + path + "?"
                        + credentials))) {
                    client.login("workerman", "7272");
                }
            }
            try (WsClient anonymous = WsClient.connect(URI.create("ws://127.0.0.1:" + port))) {
                anonymous.assertClosedWith(4001, "access failed");
            }
            ApiClient.Reply page = ApiClient.at(URI.create("http://127.0.0.1:" + port + "/"), null).get("chat.html");
            assertEquals(426, page.status(), "the chat port takes WebSockets only");
        }
    }

    @Test
    void withChatOffThereIsNoChatEndpointAndAChatPortIsAStartupError() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT", "off"));
                RawWebSocket refused = RawWebSocket.connect(server.chatFor("o1"), 0)) {
            assertTrue(refused.handshakeStatus().contains(" 404"), refused.handshakeStatus());
        }
        ConfigException startup = assertThrows(ConfigException.class, () -> TestServer.start(Map.of("TIDINGS_CHAT",
                "off", "TIDINGS_CHAT_PORT", Integer.toString(TestServer.freePort()))));
        assertTrue(startup.getMessage().contains("TIDINGS_CHAT_PORT is set but TIDINGS_CHAT is off"),
                startup.getMessage());
    }

    @Test
    void badChatSettingsAreNamedAtStartup() {
        ConfigException startup = assertThrows(ConfigException.class, () -> TestServer.config(Map.of(
                "TIDINGS_CHAT", "public", "TIDINGS_CHAT_HISTORY", "101", "TIDINGS_CHAT_PING", "-1",
                "TIDINGS_CHAT_TIMEZONE", "Mars/Olympus")));
        for (String setting : new String[] {"TIDINGS_CHAT must be open or members or off, not 'public'",
            "TIDINGS_CHAT_HISTORY must be a whole number from 0 to 100, not '101'",
            "TIDINGS_CHAT_PING must be a whole number from 0 to 3600, not '-1'",
            "TIDINGS_CHAT_TIMEZONE must be a time zone such as UTC, +08:00 or Asia/Shanghai, not 'Mars/Olympus'"}) {
            assertTrue(startup.getMessage().contains(setting), startup.getMessage());
        }
    }

    @Test
    void timesAreInTheConfiguredZone() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_CHAT_TIMEZONE", "+08:00"));
                ChatClient client = ChatClient.inRoom(server.chatFor("z1"), "z", "zone")) {
            client.say("what time is it");
            String time = client.next("say").getString("time");
            Instant said = LocalDateTime.parse(time.replace(' ', 'T')).toInstant(ZoneOffset.ofHours(8));
            assertTrue(Duration.between(said, Instant.now()).abs().toSeconds() < 60, time + " is not now in +08:00");
        }
    }

    @Test
    void aChatSessionSendingFasterThanItsAllowanceIsClosedRateLimited() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_EVENT_RATE", "2", "TIDINGS_EVENT_BURST", "3"));
                ChatClient flooder = ChatClient.inRoom(server.chatFor("l1"), "flood", "flood")) {
            for (int i = 0; i < 20 && flooder.ws().isOpen(); i++) {
                try {
                    flooder.say("spam " + i);
                } catch (IllegalStateException closedMeanwhile) {
                    break; // the 4009 arrived between isOpen and the send
                }
            }
            flooder.ws().assertClosedWith(4009, "rate limited");
        }
    }

    @Test
    void shutdownClosesChatSessions1001() throws Exception {
        TestServer server = TestServer.start();
        try (ChatClient client = ChatClient.inRoom(server.chatFor("s1"), "s", "bye")) {
            server.close();
            client.ws().assertClosedWith(1001, "server shutting down");
        }
    }

    static void awaitNoSeats(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (server.tidings().rooms().roomCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.tidings().rooms().roomCount());
    }
}
