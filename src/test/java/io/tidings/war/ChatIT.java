package io.tidings.war;

import static io.tidings.testing.ChatPatterns.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.close.CloseReason;
import io.tidings.testing.ApiClient;
import io.tidings.testing.ChatClient;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chat rooms on /chat (workerman-chat's protocol, seed 000, and seed 002's private and group messages) on every
 * container: the seed's frames answered as workerman-chat answers them, rooms that never see each other,
 * private messages that stay in their room, logouts however a client goes, and every refusal. Each test uses
 * rooms and uids of its own.
 */
@ExtendWith(ContainerExtension.class)
class ChatIT {
    static final Duration QUIET = Duration.ofMillis(400);
    static Deployment tidings;
    static ApiClient api;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
        api = ApiClient.at(tidings.base());
    }

    static ChatClient in(String uid, String name, String room) throws Exception {
        return ChatClient.inRoom(tidings.chatFor(uid), name, room);
    }

    static String idOf(JsonObject login) {
        return login.getString("client_id");
    }

    @Test
    void theSeedsFramesAreAnsweredAsWorkermanChatAnswersThem() throws Exception {
        try (ChatClient first = ChatClient.connect(tidings.chatFor("c100"))) {
            first.send("{\"type\":\"login\",\"client_name\":\"222\",\"room_id\":\"c1\"}");
            String firstId = matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"222\",\"time\":\"TIME\","
                    + "\"client_list\":{\"ID\":\"222\"}}", first.next()).group(1);
            try (ChatClient second = ChatClient.connect(tidings.chatFor("c101"))) {
                second.send("{\"type\":\"login\",\"client_name\":\"333\",\"room_id\":\"c1\"}");
                Matcher answer = matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"333\",\"time\":\"TIME\","
                        + "\"client_list\":{\"ID\":\"222\",\"ID\":\"333\"}}", second.next());
                assertEquals(firstId, answer.group(2));
                String secondId = answer.group(1);
                matches("{\"type\":\"login\",\"client_id\":\"" + secondId + "\",\"client_name\":\"333\",\"time\":\"TIME\"}",
                        first.next());

                first.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"\",\"content\":\"66666\"}");
                String said = "{\"type\":\"say\",\"from_client_id\":\"" + firstId + "\",\"from_client_name\":\"222\","
                        + "\"to_client_id\":\"all\",\"content\":\"66666\",\"time\":\"TIME\"POS}";
                matches(said, first.next());
                matches(said, second.next());
            }
            matches("{\"type\":\"logout\",\"from_client_id\":\"ID\",\"from_client_name\":\"333\",\"time\":\"TIME\"}",
                    first.next());
        }
    }

    @Test
    void twoRoomsNeverSeeEachOther() throws Exception {
        try (ChatClient a1 = in("c110", "a1", "c2a"); ChatClient b1 = in("c111", "b1", "c2b")) {
            try (ChatClient a2 = in("c112", "a2", "c2a"); ChatClient b2 = in("c113", "b2", "c2b")) {
                assertEquals("a2", a1.next("login").getString("client_name"));
                assertEquals("b2", b1.next("login").getString("client_name"));
                a2.say("only for room a");
                b2.say("only for room b");
                for (ChatClient a : new ChatClient[] {a1, a2}) {
                    assertEquals("only for room a", a.next("say").getString("content"));
                }
                for (ChatClient b : new ChatClient[] {b1, b2}) {
                    assertEquals("only for room b", b.next("say").getString("content"));
                }
            }
            assertEquals("a2", a1.next("logout").getString("from_client_name"));
            assertEquals("b2", b1.next("logout").getString("from_client_name"));
            assertNull(a1.poll(QUIET), "nothing of room b ever reaches room a");
            assertNull(b1.poll(QUIET), "nothing of room a ever reaches room b");
        }
    }

    @Test
    void aPrivateSayReachesItsAddresseeAloneAndComesBackToItsSenderWordedAsEventsPhpWordsIt() throws Exception {
        try (ChatClient alice = in("c120", "alice", "c3"); ChatClient bob = ChatClient.connect(tidings.chatFor("c121"));
                ChatClient carol = ChatClient.connect(tidings.chatFor("c122"))) {
            String bobId = idOf(bob.login("bob", "c3"));
            carol.login("carol", "c3");
            bob.next("login");
            alice.next("login");
            alice.next("login");
            alice.send("{\"type\":\"say\",\"to_client_id\":\"" + bobId + "\",\"to_client_name\":\"bob\",\"content\":\"psst\"}");
            // Events.php's wording: "<b>对你说: </b>" (to you) to the addressee, "<b>你对bob说: </b>" (you to bob) back
            String whisper = "{\"type\":\"say\",\"from_client_id\":\"ID\",\"from_client_name\":\"alice\",\"to_client_id\":\""
                    + bobId + "\",\"content\":\"<b>CONTENT: </b>psst\",\"time\":\"TIME\"}";
            matches(whisper.replace("CONTENT", "\u5bf9\u4f60\u8bf4"), bob.next());
            matches(whisper.replace("CONTENT", "\u4f60\u5bf9bob\u8bf4"), alice.next());
            assertNull(carol.poll(QUIET), "a third member of the room sees nothing");
        }
    }

    @Test
    void aPrivateSayToAClientInAnotherRoomIsRefusedAndReachesNoOne() throws Exception {
        try (ChatClient mallory = in("c130", "mallory", "c4a"); ChatClient victim = ChatClient.connect(tidings.chatFor("c131"))) {
            String victimId = idOf(victim.login("victim", "c4b"));
            mallory.send("{\"type\":\"say\",\"to_client_id\":\"" + victimId + "\",\"content\":\"across rooms\"}");
            mallory.expectError(104);
            mallory.send("{\"type\":\"say\",\"to_client_id\":\"0123456789abcdef0123\",\"content\":\"to nobody\"}");
            mallory.expectError(104);
            assertNull(victim.poll(QUIET), "seed 000's server would have delivered it; Tidings never does");
        }
    }

    @Test
    void aFrameNamingAnotherRoomIsRefused() throws Exception {
        try (ChatClient client = in("c140", "x", "c5a")) {
            client.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"room_id\":\"c5b\",\"content\":\"hi\"}");
            client.expectError(105);
            client.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"room_id\":\"c5a\",\"content\":\"hi\"}");
            assertEquals("hi", client.next("say").getString("content"), "its own room_id is fine");
        }
    }

    @Test
    void logoutIsBroadcastWhenAClientClosesAndWhenItIsKilled() throws Exception {
        try (ChatClient stays = in("c150", "stays", "c6")) {
            ChatClient leaves = in("c151", "leaves", "c6");
            String leavesId = idOf(stays.next("login"));
            leaves.close();
            JsonObject logout = stays.next("logout");
            assertEquals(leavesId, logout.getString("from_client_id"));
            assertEquals("leaves", logout.getString("from_client_name"));

            RawWebSocket killed = RawWebSocket.connect(tidings.chatFor("c152"), 0);
            killed.sendText("{\"type\":\"login\",\"client_name\":\"killed\",\"room_id\":\"c6\"}");
            assertTrue(killed.readFrame().text().contains("\"client_list\""));
            String killedId = idOf(stays.next("login"));
            killed.abort(); // no close frame, a reset: what the kernel of a killed client sends
            logout = stays.next("logout");
            assertEquals(killedId, logout.getString("from_client_id"));
            assertEquals("killed", logout.getString("from_client_name"));
        }
    }

    @Test
    void aKickClosesTheUsersChatSessions4006AndTheRoomHearsTheyLeft() throws Exception {
        try (ChatClient stays = in("c155", "stays", "c6k"); ChatClient kicked = in("c156", "kicked", "c6k")) {
            stays.next("login");
            assertEquals("{\"uid\":\"c156\",\"kicked\":1}", api.post("api/kick", "{\"uid\":\"c156\"}").body());
            Expect.closed(kicked.ws(), CloseReason.KICKED);
            assertEquals("kicked", stays.next("logout").getString("from_client_name"));
        }
    }

    @Test
    void namesAndContentAreEscapedAsWorkermanChatEscapesThem() throws Exception {
        try (ChatClient client = in("c160", "<b>Tom & \"Jerry\"</b>", "c7")) {
            client.say("<script>alert('x')</script>\nline two");
            JsonObject said = client.next("say");
            assertEquals("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;", said.getString("from_client_name"));
            assertEquals("&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt;<br />\nline two", said.getString("content"));
        }
    }

    @Test
    void refusalsAreErrorFramesAndTheSessionStays() throws Exception {
        try (ChatClient client = ChatClient.connect(tidings.chatFor("c170"))) {
            client.say("before login");
            client.expectError(102);
            client.send("{\"type\":\"pm\",\"to\":\"c171\",\"content\":\"before login\"}");
            client.expectError(102);
            for (String name : new String[] {"", " ", "x".repeat(33), "evil\u202Eeman", "two\nlines", "tab\there"}) {
                client.send("{\"type\":\"login\",\"client_name\":" + ChatClient.quote(name) + ",\"room_id\":\"c8\"}");
                client.expectError(101);
            }
            client.login("\u5f20\u4e09 \uD83D\uDE00", "c8");
            client.say("   ");
            client.expectError(108);
            client.send("{\"type\":\"pm\",\"to\":\"c171-nobody\",\"content\":\"hello?\"}");
            client.expectError(106);
            client.send("{\"type\":\"groupPm\",\"group\":\"c8-not-mine\",\"content\":\"hello?\"}");
            client.expectError(103);
            client.send("{\"type\":\"pong\"}");
            client.say("still here");
            assertEquals("still here", client.next("say").getString("content"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":\"ping\"}", "{\"type\":42}", "{\"type\":\"\"}", "[]", "hello",
        "{\"type\":\"login\",\"room_id\":{}}", "{\"type\":\"login\",\"room_id\":\"a b\"}",
        "{\"type\":\"login\",\"room_id\":1.5}", "{\"type\":\"login\",\"room_id\":\"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\"}",
        "{\"type\":\"login\",\"client_name\":7,\"room_id\":\"1\"}", "{\"type\":\"login\",\"room_id\":\"1\",\"since\":3}",
        "{\"type\":\"say\",\"content\":\"no addressee\"}", "{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":[]}",
        "{\"type\":\"pm\",\"content\":\"to nobody\"}", "{\"type\":\"pm\",\"to\":\"a\",\"uid\":\"b\",\"content\":\"x\"}",
        "{\"type\":\"pm\",\"to\":\"a b\",\"content\":\"x\"}", "{\"type\":\"groupPm\",\"group\":\"a/b\",\"content\":\"x\"}"})
    void aMalformedFrameClosesDataInvalid(String frame) throws Exception {
        Expect.frameCloses(tidings.chatFor("c180"), frame, CloseReason.DATA_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "logout", "alertTip", "resume", "history", "Login", "toString", "getClass",
        "onClosed"})
    void aTypeNobodyHandlesClosesEventUnknown(String type) throws Exception {
        Expect.frameCloses(tidings.chatFor("c181"), "{\"type\":\"" + type + "\"}", CloseReason.EVENT_UNKNOWN);
    }

    @Test
    void aChatSessionNeedsAValidToken() throws Exception {
        try (WsClient client = WsClient.connect(tidings.ws("chat", "uid=c182&token=" + LegacyToken.issue("c183",
                TestServer.KEY)))) {
            Expect.closed(client, CloseReason.TOKEN_INVALID);
        }
        try (WsClient client = WsClient.connect(tidings.ws("chat", null))) {
            Expect.closed(client, CloseReason.ACCESS_FAILED);
        }
    }

    @Test
    void aPmReachesEveryChatSessionOfTheUidAndComesBackToItsSender() throws Exception {
        try (ChatClient sender = ChatClient.connect(tidings.chatFor("c190"));
                ChatClient tab1 = ChatClient.connect(tidings.chatFor("c191"));
                ChatClient tab2 = ChatClient.connect(tidings.chatFor("c191"))) {
            // seed 002's login: no room, no name
            sender.send("{\"type\":\"login\",\"content\":\"login\"}");
            matches("{\"type\":\"login\",\"client_id\":\"ID\",\"client_name\":\"c190\",\"time\":\"TIME\"}", sender.next());
            tab1.login("tab one", "c9");
            tab2.send("{\"type\":\"login\",\"content\":\"login\"}");
            tab2.next("login");
            sender.send("{\"type\":\"pm\",\"to\":\"c191\",\"content\":\"for all your tabs\"}");
            String pm = tab1.next("pm").toString();
            for (ChatClient other : new ChatClient[] {tab2, sender}) {
                assertEquals(pm, other.next("pm").toString());
            }
            matches("{\"type\":\"pm\",\"from\":\"c190\",\"from_client_id\":\"ID\",\"from_client_name\":\"c190\","
                    + "\"to\":\"c191\",\"content\":\"for all your tabs\",\"time\":\"TIME\"}", pm);
            // seed 002's spelling: the uid in "uid", as a number
            tab1.send("{\"type\":\"pm\",\"uid\":190,\"content\":\"back\"}");
            tab1.expectError(106);
        }
    }

    @Test
    void aGroupPmReachesTheChatSessionsOfTheGroupsMembersOnly() throws Exception {
        for (String uid : new String[] {"c200", "c201"}) {
            assertEquals(200, api.post("api/groups/c-team/join", "{\"uid\":\"" + uid + "\"}").status());
        }
        try (ChatClient member = ChatClient.connect(tidings.chatFor("c200"));
                ChatClient other = ChatClient.connect(tidings.chatFor("c201"));
                ChatClient outsider = ChatClient.connect(tidings.chatFor("c202"))) {
            for (ChatClient client : new ChatClient[] {member, other, outsider}) {
                client.send("{\"type\":\"login\"}");
                client.next("login");
            }
            member.send("{\"type\":\"groupPm\",\"group\":\"c-team\",\"content\":\"team only\"}");
            String frame = member.next();
            matches("{\"type\":\"groupPm\",\"group\":\"c-team\",\"from\":\"c200\",\"from_client_id\":\"ID\","
                    + "\"from_client_name\":\"c200\",\"content\":\"team only\",\"time\":\"TIME\"}", frame);
            assertEquals(frame, other.next());
            // seed 002's spelling: {"type":"group","gid":G}
            other.send("{\"type\":\"group\",\"gid\":\"c-team\",\"content\":\"seed spelling\"}");
            assertEquals("seed spelling", member.next("groupPm").getString("content"));
            outsider.send("{\"type\":\"groupPm\",\"group\":\"c-team\",\"content\":\"let me in\"}");
            outsider.expectError(103);
            assertNull(member.poll(QUIET));
        }
    }

    /** One groupPm must not fan out without bound: past 1 000 members it is error 111 and reaches no one. */
    @Test
    void aGroupPmToAGroupOfMoreThanAThousandMembersIsRefused() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(200, api.post("api/groups/c-big/join", "{\"uid\":\"c-big-" + i + "\"}").status());
        }
        assertEquals(200, api.post("api/groups/c-big/join", "{\"uid\":\"c205\"}").status());
        try (ChatClient member = ChatClient.connect(tidings.chatFor("c205"))) {
            member.send("{\"type\":\"login\"}");
            member.next("login");
            member.send("{\"type\":\"groupPm\",\"group\":\"c-big\",\"content\":\"to all of you\"}");
            member.expectError(111);
            assertEquals(200, api.post("api/groups/c-big/leave", "{\"uid\":\"c-big-0\"}").status());
            member.send("{\"type\":\"groupPm\",\"group\":\"c-big\",\"content\":\"a thousand is fine\"}");
            assertEquals("a thousand is fine", member.next("groupPm").getString("content"));
        }
    }

    @Test
    void aNewcomerGetsTheRoomsLastMessagesAndAReturningOneWhatItMissed() throws Exception {
        JsonObject last;
        try (ChatClient talker = in("c210", "talker", "c10")) {
            for (int i = 1; i <= 25; i++) {
                talker.say("message " + i);
            }
            for (int i = 1; i < 25; i++) {
                talker.next("say");
            }
            last = talker.next("say");
            try (ChatClient newcomer = ChatClient.connect(tidings.chatFor("c211"))) {
                newcomer.login("newcomer", "c10");
                for (int i = 6; i <= 25; i++) {
                    assertEquals("message " + i, newcomer.nextJson().getString("content"), "the last 20, oldest first");
                }
                talker.say("live");
                assertEquals("live", newcomer.next("say").getString("content"));
            }
            // The newcomer has left once the room says so: a container may see its close only later, and the
            // returning talker below would then rightly hear that logout after its replay.
            assertEquals("newcomer", talker.next("logout").getString("from_client_name"));
            talker.say("while away 1");
            talker.say("while away 2");
        }
        try (ChatClient back = ChatClient.connect(tidings.chatFor("c210"))) {
            back.send("{\"type\":\"login\",\"client_name\":\"talker\",\"room_id\":\"c10\",\"since\":"
                    + last.getJsonNumber("seq") + ",\"epoch\":\"" + last.getString("epoch") + "\"}");
            back.next("login");
            for (String expected : new String[] {"live", "while away 1", "while away 2"}) {
                assertEquals(expected, back.nextJson().getString("content"), "exactly what was missed");
            }
            assertNull(back.poll(QUIET));
        }
    }

    @Test
    void theBackendListsARoomsMembersAndPushesToTheRoom() throws Exception {
        try (ChatClient one = in("c220", "one", "c11"); ChatClient two = in("c221", "two", "c11")) {
            ApiClient.Reply members = api.get("api/groups/room@c11");
            assertEquals(200, members.status(), members.body());
            assertEquals("[\"c220\",\"c221\"]", members.json().getJsonArray("members").toString());
            assertEquals(200, api.post("api/push", "{\"group\":\"room@c11\",\"event\":\"notice\",\"data\":{\"text\":\"hi\"},"
                    + "\"store\":false}").status());
            for (ChatClient client : new ChatClient[] {one, two}) {
                JsonObject notice = client.nextJson();
                while (!notice.containsKey("event")) {
                    notice = client.nextJson();
                }
                assertEquals("notice", notice.getString("event"));
            }
        }
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!api.get("api/groups/room@c11").json().getJsonArray("members").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("[]", api.get("api/groups/room@c11").json().getJsonArray("members").toString(),
                "an open room's members are who is in it");
    }

    @Test
    void aChatSessionNeverDisplacesTheUsersEventSessionNorReceivesItsEvents() throws Exception {
        try (WsClient events = WsClient.connectOnline(tidings.wsFor("c230")); ChatClient chat = in("c230", "me", "c12")) {
            try (WsClient alerter = WsClient.connectOnline(tidings.wsFor("c231"))) {
                alerter.send("{\"event\":\"alertTip\",\"toUid\":\"c230\",\"content\":\"to the event session\"}");
            }
            assertEquals("to the event session", events.nextJson().getString("msg"));
            assertNull(chat.poll(QUIET), "event frames never reach a chat session");
            assertTrue(events.isOpen(), "under the newest policy too");
        }
    }

    @Test
    void aFrameOverTheSizeLimitCloses1009AsOnWs() throws Exception {
        try (ChatClient client = in("c240", "big", "c13")) {
            client.say("x".repeat(ContainerRun.MAX_FRAME));
            // the code only: a container may close with its own reason text (as on /ws, LimitsIT)
            assertEquals(1009, client.ws().awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void theChatPageIsServed() throws Exception {
        for (String path : new String[] {"chat.html", "js/chat.js", "css/chat.css"}) {
            ApiClient.Reply page = ApiClient.at(tidings.base(), null).get(path);
            assertEquals(200, page.status(), path);
        }
        assertTrue(ApiClient.at(tidings.base(), null).get("chat.html").body().contains("js/chat.js"));
    }
}
