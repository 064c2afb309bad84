package io.tidings.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox end to end, on the real server with the embedded database in a directory of its own: what a user
 * who was away finds, resume and its refusals, history, read marks, the API, and what is not stored.
 */
class InboxTest {
    static final int INBOX_MAX = 20;
    static final int RESUME_MAX = 10;
    static Path dataDir;
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("tidings-inbox-test");
        server = TestServer.start(Map.of("TIDINGS_INBOX", "sqlite", "TIDINGS_DATA_DIR", dataDir.toString(),
                "TIDINGS_INBOX_MAX", Integer.toString(INBOX_MAX), "TIDINGS_RESUME_MAX",
                Integer.toString(RESUME_MAX), "TIDINGS_SESSION_POLICY", "all"));
        api = ApiClient.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static URI resuming(String uid, long since, String epoch) {
        return server.ws("uid=" + uid + "&token=" + LegacyToken.issue(uid, TestServer.KEY) + "&since=" + since
                + "&epoch=" + epoch);
    }

    static JsonObject push(String body) throws Exception {
        Reply reply = api.post("api/push", body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    static JsonObject pushTo(String uid, int n) throws Exception {
        return push("{\"uid\":\"" + uid + "\",\"event\":\"reply\",\"data\":{\"n\":" + n + "}}");
    }

    /** Frames up to and including the first of this event; the others before it in order. */
    static List<JsonObject> until(WsClient client, String event) throws Exception {
        List<JsonObject> frames = new ArrayList<>();
        while (true) {
            JsonObject frame = client.nextJson();
            frames.add(frame);
            if (event.equals(frame.getString("event"))) {
                return frames;
            }
        }
    }

    @Test
    void everySessionOpensWithAPositionEvenBeforeItsFirstMessage() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("fresh"))) {
            JsonObject welcome = client.welcome();
            assertEquals(0, welcome.getInt("seq"));
            assertEquals(0, welcome.getInt("unread"));
            assertFalse(welcome.getString("epoch").isEmpty());
            JsonObject answer = pushTo("fresh", 1);
            JsonObject frame = client.nextJson();
            assertEquals(1, frame.getInt("seq"));
            assertEquals(welcome.getString("epoch"), frame.getString("epoch"));
            assertEquals(answer.getString("epoch"), frame.getString("epoch"));
        }
    }

    @Test
    void whatArrivedWhileAwayIsReplayedInOrderOnResume() throws Exception {
        String epoch;
        try (WsClient client = WsClient.connectOnline(server.wsFor("away"))) {
            epoch = client.welcome().getString("epoch");
        }
        for (int n = 1; n <= 3; n++) {
            JsonObject answer = pushTo("away", n);
            assertEquals(0, answer.getInt("delivered"));
            assertTrue(answer.getBoolean("stored"));
            assertEquals(n, answer.getInt("seq"));
        }
        try (WsClient client = WsClient.connect(resuming("away", 1, epoch))) {
            JsonObject welcome = client.welcome();
            assertEquals(3, welcome.getInt("seq"));
            assertEquals(3, welcome.getInt("unread"));
            List<JsonObject> frames = until(client, "resumed");
            assertEquals(List.of(2, 3), frames.subList(0, 2).stream().map(f -> f.getInt("seq")).toList());
            assertEquals(3, frames.get(1).getJsonObject("data").getInt("n"));
            JsonObject resumed = frames.get(2);
            assertTrue(resumed.getBoolean("recovered"));
            assertEquals(3, resumed.getInt("seq"));
            assertEquals(epoch, resumed.getString("epoch"));
            assertEquals(3, frames.size());
            pushTo("away", 4);
            assertEquals(4, client.nextJson().getInt("seq"), "then live, without a gap");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 4, RESUME_MAX})
    void aGapOfAnyAgeWithinTheCapIsRecovered(int missed) throws Exception {
        String uid = "gap-" + missed;
        String epoch;
        try (WsClient client = WsClient.connectOnline(server.wsFor(uid))) {
            epoch = client.welcome().getString("epoch");
            pushTo(uid, 0);
            assertEquals(1, client.nextJson().getInt("seq"));
        }
        for (int n = 1; n <= missed; n++) {
            pushTo(uid, n);
        }
        try (WsClient client = WsClient.connect(resuming(uid, 1, epoch))) {
            List<JsonObject> frames = until(client, "resumed");
            assertEquals(missed + 1, frames.size());
            for (int n = 1; n <= missed; n++) {
                assertEquals(n + 1, frames.get(n - 1).getInt("seq"));
                assertEquals(n, frames.get(n - 1).getJsonObject("data").getInt("n"));
            }
            assertTrue(frames.get(missed).getBoolean("recovered"));
        }
    }

    @Test
    void aPositionThatCannotBeRecoveredIsSaidSoWithTheReason() throws Exception {
        String epoch;
        try (WsClient client = WsClient.connectOnline(server.wsFor("lost"))) {
            epoch = client.welcome().getString("epoch");
        }
        for (int n = 1; n <= INBOX_MAX + 5; n++) {
            pushTo("lost", n);
        }
        assertNotRecovered("lost", top -> top, "another-epoch", "epoch");
        assertNotRecovered("lost", top -> top + 7, epoch, "ahead");
        assertNotRecovered("lost", top -> top - RESUME_MAX - 1, epoch, "over_cap");
        // Retained: the newest INBOX_MAX; a position before the oldest of them misses one.
        assertNotRecovered("lost", top -> top - INBOX_MAX - 1, epoch, "too_old");
        long top = api.get("api/inbox?uid=lost").json().getInt("seq");
        try (WsClient client = WsClient.connect(resuming("lost", top - 1, epoch))) {
            List<JsonObject> frames = until(client, "resumed");
            assertEquals(2, frames.size());
            assertTrue(frames.get(1).getBoolean("recovered"));
        }
    }

    /** Resumes from a position made from the stream's top: nothing replayed, the reason given, live from the top. */
    static void assertNotRecovered(String uid, java.util.function.LongUnaryOperator since, String epoch,
            String reason) throws Exception {
        long top = api.get("api/inbox?uid=" + uid).json().getInt("seq");
        try (WsClient client = WsClient.connect(resuming(uid, since.applyAsLong(top), epoch))) {
            List<JsonObject> frames = until(client, "resumed");
            assertEquals(1, frames.size(), "nothing replayed: " + frames);
            JsonObject resumed = frames.get(0);
            assertFalse(resumed.getBoolean("recovered"));
            assertEquals(reason, resumed.getString("reason"));
            assertEquals(top, resumed.getInt("seq"));
            pushTo(uid, 0);
            assertEquals(top + 1, client.nextJson().getInt("seq"), "live from the top on");
        }
    }

    @Test
    void anOpenSessionResumesAndPagesItsHistory() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("pager"))) {
            String epoch = client.welcome().getString("epoch");
            for (int n = 1; n <= 5; n++) {
                pushTo("pager", n);
                assertEquals(n, client.nextJson().getInt("seq"));
            }
            client.send("{\"event\":\"resume\",\"since\":3,\"epoch\":\"" + epoch + "\"}");
            List<JsonObject> frames = until(client, "resumed");
            assertEquals(List.of(4, 5), frames.subList(0, 2).stream().map(f -> f.getInt("seq")).toList());
            client.send("{\"event\":\"history\",\"before\":5,\"limit\":2}");
            JsonObject page = client.nextJson();
            assertEquals("history", page.getString("event"));
            assertEquals(5, page.getInt("seq"));
            assertTrue(page.getBoolean("more"));
            assertEquals(List.of(3, 4), page.getJsonArray("messages").stream()
                    .map(m -> m.asJsonObject().getInt("seq")).toList());
            client.send("{\"event\":\"history\",\"after\":4}");
            JsonObject rest = client.nextJson();
            assertFalse(rest.getBoolean("more"));
            assertEquals(1, rest.getJsonArray("messages").size());
        }
    }

    @Test
    void aReadMarkReachesEveryTabsBadge() throws Exception {
        try (WsClient first = WsClient.connectOnline(server.wsFor("badge"));
                WsClient second = WsClient.connectOnline(server.wsFor("badge"))) {
            first.welcome();
            second.welcome();
            for (int n = 1; n <= 4; n++) {
                pushTo("badge", n);
                first.nextJson();
                second.nextJson();
            }
            first.send("{\"event\":\"read\",\"upTo\":3}");
            assertEquals("{\"event\":\"unread\",\"count\":1}", first.next());
            assertEquals("{\"event\":\"unread\",\"count\":1}", second.next());
            Reply read = api.post("api/inbox/read", "{\"uid\":\"badge\",\"upTo\":4}");
            assertEquals(200, read.status(), read.body());
            assertEquals(0, read.json().getInt("unread"));
            assertEquals("{\"event\":\"unread\",\"count\":0}", second.next());
        }
    }

    @Test
    void aSignalThatIsNotStoredHasNoPosition() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("typing"))) {
            client.welcome();
            JsonObject answer = push("{\"uid\":\"typing\",\"event\":\"typing\",\"store\":false}");
            assertFalse(answer.getBoolean("stored"));
            assertFalse(answer.containsKey("seq"));
            JsonObject frame = client.nextJson();
            assertFalse(frame.containsKey("seq"), frame.toString());
            assertEquals(0, api.get("api/inbox?uid=typing").json().getInt("seq"));
        }
    }

    @Test
    void aGroupIsOneStreamThatOnlyItsMembersRead() throws Exception {
        assertEquals(200, api.post("api/groups/club/join", "{\"uid\":\"member\"}").status());
        try (WsClient member = WsClient.connectOnline(server.wsFor("member"));
                WsClient stranger = WsClient.connectOnline(server.wsFor("stranger"))) {
            member.welcome();
            JsonObject answer = push("{\"group\":\"club\",\"event\":\"news\"}");
            JsonObject frame = member.nextJson();
            assertEquals("club", frame.getString("group"));
            assertEquals(answer.getInt("seq"), frame.getInt("seq"));
            member.send("{\"event\":\"history\",\"group\":\"club\"}");
            assertEquals(1, member.nextJson().getJsonArray("messages").size());
            stranger.send("{\"event\":\"history\",\"group\":\"club\"}");
            assertEquals("{\"event\":\"history\",\"group\":\"club\",\"error\":\"not a member of this group\"}",
                    stranger.next());
            assertEquals(0, api.get("api/inbox?uid=member").json().getInt("seq"), "not once per member");
            assertEquals(1, api.get("api/inbox?group=club").json().getJsonArray("messages").size());
        }
    }

    @Test
    void theBackendPagesAndDeletesAUsersInbox() throws Exception {
        for (int n = 1; n <= 3; n++) {
            pushTo("leaver", n);
        }
        JsonObject page = api.get("api/inbox?uid=leaver&after=1&limit=1").json();
        assertEquals(3, page.getInt("seq"));
        assertEquals(3, page.getInt("unread"));
        assertTrue(page.getBoolean("more"));
        assertEquals(2, page.getJsonArray("messages").getJsonObject(0).getInt("seq"));
        assertEquals("{\"uid\":\"leaver\",\"deleted\":3}", api.send("DELETE", "api/inbox?uid=leaver", null).body());
        JsonObject after = api.get("api/inbox?uid=leaver").json();
        assertEquals(0, after.getJsonArray("messages").size());
        assertEquals(3, after.getInt("seq"), "the position stays: no seq is given twice");
        assertEquals(4, pushTo("leaver", 4).getInt("seq"));
        assertEquals(400, api.get("api/inbox?uid=leaver&group=club").status());
        assertEquals(400, api.get("api/inbox?uid=leaver&limit=0").status());
    }

    @Test
    void anAlertIsStoredAndItsAckSaysWhere() throws Exception {
        try (WsClient sender = WsClient.connectOnline(server.wsFor("writer"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"reader\",\"rid\":1}");
            JsonObject ack = sender.nextJson();
            assertEquals(0, ack.getInt("delivered"));
            assertTrue(ack.getBoolean("stored"));
            long seq = ack.getJsonNumber("seq").longValue();
            JsonObject stored = api.get("api/inbox?uid=reader").json().getJsonArray("messages")
                    .getJsonObject(0);
            assertEquals(seq, stored.getJsonNumber("seq").longValue());
            assertEquals("writer", stored.getString("from"));
            assertEquals(ack.getString("id"), stored.getString("id"));
        }
    }

    @Test
    void aBatchKeepsItsOrderAcrossStoredAndLiveOnlyPushes() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("mixed"))) {
            client.welcome();
            Reply batch = api.post("api/push/batch", "{\"pushes\":[{\"uid\":\"mixed\",\"event\":\"first\"},"
                    + "{\"uid\":\"mixed\",\"event\":\"second\",\"store\":false},{\"uid\":\"mixed\",\"event\":\"third\"}]}");
            assertEquals(200, batch.status(), batch.body());
            assertEquals("first", client.nextJson().getString("event"));
            assertEquals("second", client.nextJson().getString("event"));
            assertEquals("third", client.nextJson().getString("event"));
        }
    }

    @Test
    void aStoredPushTooLargeForAllItsRecipientsIsRefusedWhole() throws Exception {
        StringBuilder uids = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            uids.append(i == 0 ? "" : ",").append("\"many-").append(i).append('"');
        }
        String body = "{\"uids\":[" + uids + "],\"event\":\"big\",\"data\":{\"pad\":\"" + "x".repeat(10_000)
                + "\"}}";
        Reply refused = api.post("api/push", body);
        assertEquals(413, refused.status(), refused.body());
        assertTrue(refused.error().startsWith("a stored push to 2000 uids would store"), refused.error());
        assertEquals(0, api.get("api/inbox?uid=many-1").json().getInt("seq"), "nothing of it stored");
        Reply live = api.post("api/push", body.replace("\"event\":\"big\"", "\"event\":\"big\",\"store\":false"));
        assertEquals(200, live.status(), live.body());
    }

    @Test
    void aMessageLargerThanAPageStillComesOnItsOwn() throws Exception {
        pushTo("huge", 1);
        Reply big = api.post("api/push", "{\"uid\":\"huge\",\"event\":\"big\",\"data\":{\"pad\":\""
                + "x".repeat(600_000) + "\"}}");
        assertEquals(200, big.status(), big.body());
        try (WsClient client = WsClient.connectOnline(server.wsFor("huge"))) {
            client.welcome();
            client.send("{\"event\":\"history\",\"limit\":2}");
            JsonObject page = client.nextJson();
            assertEquals(1, page.getJsonArray("messages").size(), "alone: it takes more than half a send queue");
            assertEquals(2, page.getJsonArray("messages").getJsonObject(0).getInt("seq"));
            assertTrue(page.getBoolean("more"));
        }
    }

    @Test
    void halfAPositionIsRefused() throws Exception {
        try (WsClient client = WsClient.connect(server.ws("uid=half&token=" + LegacyToken.issue("half",
                TestServer.KEY) + "&since=3"))) {
            client.assertClosedWith(4003, "data format invalid");
        }
        try (WsClient client = WsClient.connect(resuming("half", -1, "e").resolve("?uid=half&token="
                + LegacyToken.issue("half", TestServer.KEY) + "&since=x&epoch=e"))) {
            client.assertClosedWith(4003, "data format invalid");
        }
    }

    @Test
    void aReplacedSessionsSuccessorResumesWhereItLeftOff() throws Exception {
        try (TestServer newest = TestServer.start(Map.of("TIDINGS_INBOX", "memory"));
                WsClient old = WsClient.connectOnline(newest.wsFor("phone"))) {
            String epoch = old.welcome().getString("epoch");
            ApiClient.of(newest).post("api/push", "{\"uid\":\"phone\",\"event\":\"a\"}");
            assertEquals(1, old.nextJson().getInt("seq"));
            try (WsClient successor = WsClient.connect(newest.ws("uid=phone&token="
                    + LegacyToken.issue("phone", TestServer.KEY) + "&since=1&epoch=" + epoch))) {
                old.assertClosedWith(4002, "uid exists");
                ApiClient.of(newest).post("api/push", "{\"uid\":\"phone\",\"event\":\"b\"}");
                // "b" comes replayed or live, depending on whether it was stored before the resume read: once.
                List<JsonObject> frames = until(successor, "resumed");
                assertTrue(frames.get(frames.size() - 1).getBoolean("recovered"));
                if (frames.size() == 1) {
                    frames.add(successor.nextJson());
                }
                assertEquals(2, frames.size(), frames.toString());
                assertEquals(1, frames.stream().filter(f -> "b".equals(f.getString("event"))).count(), "b once");
                assertNull(successor.poll(Duration.ofMillis(200)));
            }
        }
    }
}
