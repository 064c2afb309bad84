package io.tidings.cluster;

import static io.tidings.cluster.RedisFaultsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.close.CloseReason;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.testing.ChatClient;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RedisServer;
import io.tidings.testing.ClusterOnRedis;
import io.tidings.testing.TestCluster;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chat rooms spanning three nodes on one Redis: members on different nodes see one room (its client_list, its
 * logins, logouts and messages, its history), two rooms never see each other, a private say reaches a client id
 * on another node in the sender's room and no other, pm and groupPm cross nodes, and a room's messages go only to
 * the nodes with seats or members there; a killed node's seats leave, and its rooms hear it. Each test uses rooms
 * and uids of its own.
 */
class ChatClusterTest {
    static final Duration QUIET = Duration.ofMillis(400);
    @RegisterExtension
    static final ClusterOnRedis NODES = new ClusterOnRedis(3);

    static TestCluster cluster() {
        return NODES.cluster();
    }

    static ChatClient on(int node, String uid) throws Exception {
        return ChatClient.connect(cluster().node(node).chatFor(uid));
    }

    /** A chat session of the uid on a node running in a process of its own (one a test kills or stalls). */
    static ChatClient onNodeProcess(LauncherProcess node, String uid) throws Exception {
        int port = node.awaitPort(Duration.ofSeconds(60));
        return ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/chat?uid=" + uid + "&token="
                + LegacyToken.issue(uid, TestServer.KEY)));
    }

    static List<String> members(String room) throws Exception {
        return cluster().api(2).get("/api/groups/room@" + room).json().getJsonArray("members")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void membersOnDifferentNodesShareOneRoomAndTwoRoomsNeverSeeEachOther() throws Exception {
        try (ChatClient ann = on(0, "x100"); ChatClient bob = on(1, "x101"); ChatClient cid = on(2, "x102");
                ChatClient dan = on(0, "x103")) {
            String annId = ann.login("ann", "x1").getString("client_id");
            JsonObject bobLogin = bob.login("bob", "x1");
            String bobId = bobLogin.getString("client_id");
            JsonObject list = bobLogin.getJsonObject("client_list");
            assertEquals(List.of(annId, bobId), List.copyOf(list.keySet()), "everyone on every node, itself last");
            assertEquals("ann", list.getString(annId));
            JsonObject heard = ann.next("login");
            assertEquals(bobId, heard.getString("client_id"), "a login on node 2 is heard on node 1");
            assertFalse(heard.containsKey("client_list"));
            JsonObject other = cid.login("cid", "y1").getJsonObject("client_list");
            assertEquals(1, other.size(), "another room's list: " + other);
            assertEquals(2, dan.login("dan", "y1").getJsonObject("client_list").size(), "y1 on nodes 3 and 1");
            cid.next("login");

            ann.say("to x1");
            for (ChatClient member : new ChatClient[] {ann, bob}) {
                JsonObject say = member.next("say");
                assertEquals("to x1", say.getString("content"));
                assertEquals(annId, say.getString("from_client_id"));
                assertTrue(say.containsKey("seq"), "kept in the room's stream: " + say);
            }
            cid.say("to y1");
            assertEquals("to y1", cid.next("say").getString("content"));
            assertEquals("to y1", dan.next("say").getString("content"));
            assertNull(ann.poll(QUIET), "room y1 is not heard in x1, even on the same node");
            assertNull(bob.poll(QUIET));
            assertNull(cid.poll(QUIET), "nor x1 in y1");
            assertNull(dan.poll(QUIET));

            bob.close();
            JsonObject logout = ann.next("logout");
            assertEquals(bobId, logout.getString("from_client_id"), "a close on node 2 is heard on node 1");
            assertEquals("bob", logout.getString("from_client_name"));
            assertNull(cid.poll(QUIET));
        }
    }

    @Test
    void aRoomsMessagesGoOnlyToTheNodesWithSeatsThere() throws Exception {
        try (ChatClient ann = on(0, "x110"); ChatClient bob = on(1, "x111")) {
            ann.login("ann", "x2");
            bob.login("bob", "x2");
            ann.next("login");
            double[] before = received();
            for (int i = 0; i < 10; i++) {
                ann.say("m" + i);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("m" + i, bob.next("say").getString("content"));
                ann.next("say");
            }
            double[] after = received();
            assertEquals(10, after[0] - before[0], "the nodes with seats");
            assertEquals(10, after[1] - before[1]);
            assertEquals(0, after[2] - before[2], "a node with no one in the room receives none of it");
        }
    }

    @Test
    void aPrivateSayReachesAClientIdOnAnotherNodeInTheRoomAndNoOneInAnotherRoom() throws Exception {
        try (ChatClient ann = on(0, "x120"); ChatClient bob = on(1, "x121"); ChatClient cid = on(2, "x122")) {
            String annId = ann.login("ann", "x3").getString("client_id");
            String bobId = bob.login("bob", "x3").getString("client_id");
            String cidId = cid.login("cid", "y3").getString("client_id");
            ann.next("login");
            ann.send("{\"type\":\"say\",\"to_client_id\":\"" + bobId + "\",\"content\":\"psst\"}");
            JsonObject toBob = bob.next("say");
            assertEquals(annId, toBob.getString("from_client_id"));
            assertEquals("<b>对你说: </b>psst", toBob.getString("content"));
            assertEquals("<b>你对bob说: </b>psst", ann.next("say").getString("content"),
                    "the addressee's name, from another node");
            ann.send("{\"type\":\"say\",\"to_client_id\":\"" + cidId + "\",\"content\":\"over the wall\"}");
            ann.expectError(104);
            assertNull(cid.poll(QUIET), "a client in another room is never reached, wherever it is");
            bob.close();
            ann.next("logout");
            ann.send("{\"type\":\"say\",\"to_client_id\":\"" + bobId + "\",\"content\":\"gone?\"}");
            ann.expectError(104);
        }
    }

    @Test
    void aPrivateSayNeverReachesItsAddresseeInAnotherRoomEvenWhereTheRoomsSeatsStillNameIt() throws Exception {
        try (ChatClient ann = on(1, "x190"); ChatClient moved = on(0, "x191")) {
            ann.login("ann", "x9a");
            String movedId = moved.login("moved", "x9b").getString("client_id");
            // Its seat in x9a whose unseat never landed (a Redis blip as it moved to x9b): x9a's seats still name it,
            // on node n1, where it now sits in x9b.
            RedisKeys keys = new RedisKeys(cluster().prefix());
            cluster().redis().command("HSET", keys.seats("room@x9a"), movedId, "0 n1 x191 moved");
            ann.send("{\"type\":\"say\",\"to_client_id\":\"" + movedId + "\",\"content\":\"not for x9b\"}");
            ann.next("say"); // Redis routed it to n1: what n1 does with it is published before this answer
            moved.say("mark");
            JsonObject next = moved.next("say");
            assertEquals("mark", next.getString("content"), "a say of room x9a reached a seat in x9b: " + next);
        }
    }

    @Test
    void aPmAndAGroupPmCrossNodes() throws Exception {
        assertEquals(200, cluster().api(2).post("/api/groups/x-team/join", "{\"uid\":\"x130\"}").status());
        assertEquals(200, cluster().api(1).post("/api/groups/x-team/join", "{\"uid\":\"x131\"}").status());
        try (ChatClient sender = on(0, "x130"); ChatClient tab1 = on(1, "x131"); ChatClient tab2 = on(2, "x131");
                ChatClient outsider = on(2, "x132")) {
            for (ChatClient client : new ChatClient[] {sender, tab1, tab2, outsider}) {
                client.send("{\"type\":\"login\"}");
                client.next("login");
            }
            sender.send("{\"type\":\"pm\",\"to\":\"x131\",\"content\":\"both tabs\"}");
            for (ChatClient client : new ChatClient[] {tab1, tab2, sender}) {
                assertEquals("both tabs", client.next("pm").getString("content"));
            }
            sender.send("{\"type\":\"pm\",\"to\":\"x139\",\"content\":\"anyone?\"}");
            sender.expectError(106);

            sender.send("{\"type\":\"groupPm\",\"group\":\"x-team\",\"content\":\"team only\"}");
            for (ChatClient client : new ChatClient[] {sender, tab1, tab2}) {
                assertEquals("team only", client.next("groupPm").getString("content"));
            }
            assertNull(outsider.poll(QUIET));
            outsider.send("{\"type\":\"groupPm\",\"group\":\"x-team\",\"content\":\"let me in\"}");
            outsider.expectError(103);
        }
    }

    @Test
    void aNewcomerOnAnotherNodeGetsTheHistoryAndAReturningOneWhatItMissed() throws Exception {
        JsonObject seen;
        try (ChatClient talker = on(0, "x140")) {
            talker.login("talker", "x4");
            List.of("one", "two", "three").forEach(content -> say(talker, content));
            assertEquals(List.of("one", "two", "three"), contents(talker, 3));
            try (ChatClient newcomer = on(1, "x141")) {
                newcomer.login("newcomer", "x4");
                assertEquals(List.of("one", "two", "three"), contents(newcomer, 3), "the room's history, from Redis");
                say(talker, "four");
                seen = newcomer.next("say");
                assertEquals("four", seen.getString("content"), "then what is said live");
                assertNull(newcomer.poll(QUIET), "nothing twice");
            }
            List.of("five", "six").forEach(content -> say(talker, content));
            assertEquals(List.of("four", "five", "six"), contents(talker, 3));
        }
        try (ChatClient back = on(2, "x141")) {
            back.send("{\"type\":\"login\",\"client_name\":\"newcomer\",\"room_id\":\"x4\",\"since\":"
                    + seen.getJsonNumber("seq") + ",\"epoch\":\"" + seen.getString("epoch") + "\"}");
            back.next("login");
            assertEquals(List.of("five", "six"), contents(back, 2), "on a third node, exactly what it missed");
            assertNull(back.poll(QUIET));
        }
    }

    static void say(ChatClient client, String content) {
        try {
            client.say(content);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The contents of the next {@code count} say frames. */
    static List<String> contents(ChatClient client, int count) throws Exception {
        List<String> contents = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            contents.add(client.next("say").getString("content"));
        }
        return contents;
    }

    @Test
    void anOpenRoomsMembershipCountsSeatsOnEveryNode() throws Exception {
        try (ChatClient first = on(0, "x150"); ChatClient second = on(1, "x150")) {
            first.login("one", "x5");
            second.login("two", "x5");
            assertEquals(List.of("x150"), members("x5"));
            first.close();
            second.next("logout");
            assertEquals(List.of("x150"), members("x5"), "a seat on another node keeps the uid in the room");
        }
        awaitTrue(() -> members("x5").isEmpty(), WsClient.WAIT, "the last seat's leaving ends the membership");
    }

    @Test
    void aBackendPushToTheRoomReachesSeatsOnEveryNodeButASayNeverTheMembersEventSessions() throws Exception {
        try (ChatClient seat = on(0, "x160"); ChatClient other = on(1, "x161");
                WsClient events = WsClient.connectOnline(cluster().ws(1, "x160"))) {
            seat.login("seat", "x6");
            other.login("other", "x6");
            seat.next("login");
            other.say("chat only");
            assertEquals("chat only", seat.next("say").getString("content"));
            assertEquals(200, cluster().api(2).post("/api/push", "{\"group\":\"room@x6\",\"event\":\"notice\"}")
                    .status());
            JsonObject notice = events.nextJson();
            assertEquals("notice", notice.getString("event", null), "the say must not reach the member's /ws session: "
                    + notice);
            for (ChatClient client : new ChatClient[] {seat, other}) {
                JsonObject frame = client.nextJson();
                while (!frame.containsKey("event")) {
                    frame = client.nextJson();
                }
                assertEquals("notice", frame.getString("event"));
            }
        }
    }

    @Test
    void aKickOnOneNodeClosesTheUsersChatSessionsOnEveryNode() throws Exception {
        try (ChatClient stays = on(0, "x180"); ChatClient kicked = on(1, "x181"); ChatClient tab = on(2, "x181")) {
            stays.login("stays", "x8");
            kicked.login("kicked", "x8");
            stays.next("login");
            tab.send("{\"type\":\"login\"}");
            tab.next("login");
            assertEquals("{\"uid\":\"x181\",\"kicked\":2}", cluster().api(0).post("/api/kick", "{\"uid\":\"x181\"}")
                    .body(), "counted on every node");
            String closed = CloseReason.KICKED.code() + " " + CloseReason.KICKED.text();
            assertEquals(closed, WsClient.describe(kicked.ws().awaitClose()), "the seat on node 2");
            assertEquals(closed, WsClient.describe(tab.ws().awaitClose()), "the tab on node 3");
            assertEquals("kicked", stays.next("logout").getString("from_client_name"));
        }
    }

    @Test
    void aKilledNodesSeatsLeaveWithinTheNodeTtlAndTheRoomHearsALogoutForEach() throws Exception {
        try (LauncherProcess doomed = NodeKillTest.launch(cluster(), "doomed-chat")) {
            try (ChatClient survivor = on(0, "x170"); ChatClient victim = onNodeProcess(doomed, "x171")) {
                survivor.login("survivor", "x7");
                String victimId = victim.login("victim", "x7").getString("client_id");
                survivor.next("login");
                assertEquals(List.of("x170", "x171"), members("x7"));
                doomed.kill();
                long killed = System.nanoTime();
                JsonObject logout = nextWithin(survivor, "logout", Duration.ofSeconds(40));
                long heard = (System.nanoTime() - killed) / 1_000_000;
                assertEquals(victimId, logout.getString("from_client_id"));
                assertEquals("victim", logout.getString("from_client_name"));
                long bound = NodeRegistry.TTL.plus(NodeRegistry.SWEEP_AFTER).plus(NodeRegistry.BEAT).toMillis() + 3000;
                assertTrue(heard <= bound, "the room heard the logout " + heard + " ms after the kill (bound " + bound
                        + " ms)");
                awaitTrue(() -> members("x7").equals(List.of("x170")), WsClient.WAIT,
                        "the killed node's uid leaves the open room");
                survivor.send("{\"type\":\"say\",\"to_client_id\":\"" + victimId + "\",\"content\":\"there?\"}");
                survivor.expectError(104);
                try (ChatClient newcomer = on(1, "x172")) {
                    JsonObject list = newcomer.login("newcomer", "x7").getJsonObject("client_list");
                    assertEquals(2, list.size(), "the killed node's seat is gone from the list: " + list);
                    assertFalse(list.containsKey(victimId));
                }
            }
        }
    }

    @Test
    void aNodeTakenForDeadThatComesBackIsHeardLoggingInAgainAndIsAnOpenRoomsMemberAgain() throws Exception {
        try (LauncherProcess stalled = NodeKillTest.launch(cluster(), "stalled-chat")) {
            try (ChatClient survivor = on(0, "x240"); ChatClient stalledSeat = onNodeProcess(stalled, "x241")) {
                survivor.login("survivor", "x14");
                String id = stalledSeat.login("stalled", "x14").getString("client_id");
                survivor.next("login");
                stalled.suspend(); // longer than the node TTL: a survivor sweeps it
                try {
                    assertEquals(id, nextWithin(survivor, "logout", Duration.ofSeconds(40)).getString("from_client_id"));
                    awaitTrue(() -> members("x14").equals(List.of("x240")), WsClient.WAIT, "swept out of the room");
                } finally {
                    stalled.resume();
                }
                JsonObject login = nextWithin(survivor, "login", Duration.ofSeconds(30));
                assertEquals(id, login.getString("client_id"), "the room hears the seat come back");
                assertEquals("stalled", login.getString("client_name"));
                awaitTrue(() -> java.util.Set.copyOf(members("x14")).equals(java.util.Set.of("x240", "x241")),
                        WsClient.WAIT, "a member of the open room again");
                awaitTrue(() -> { // once the newcomer's node has seen the node alive again (its next beat)
                    try (ChatClient newcomer = on(1, "x242")) {
                        return newcomer.login("newcomer", "x14").getJsonObject("client_list").containsKey(id);
                    }
                }, WsClient.WAIT, "in a newcomer's client_list again");
                stalledSeat.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":\"back\"}");
                for (JsonObject frame = survivor.nextJson(); !"say".equals(frame.getString("type"));
                        frame = survivor.nextJson()) {
                    assertFalse("login".equals(frame.getString("type")) && id.equals(frame.getString("client_id")),
                            "the seat's return is heard once (its node restores twice: swept, and its beat)");
                }
            }
        }
    }

    @Test
    void aDeadNodesSeatsThatWereRemovedAreAnnouncedEvenWhenAnotherRoomOfItsSweepFailed() throws Exception {
        RedisKeys keys = new RedisKeys(cluster().prefix());
        RedisServer redis = cluster().redis();
        try (ChatClient survivor = on(0, "x200")) {
            survivor.login("survivor", "x10a");
            // A node that died (its deadline long passed) with a seat in x10a, and x10b, whose unseat fails.
            redis.command("HSET", keys.seats("room@x10a"), "ghostseat", "1 ghost10 x201 ghost");
            redis.command("SET", keys.seats("room@x10b"), "not a hash: its unseat fails");
            redis.command("SADD", keys.nodeRooms("ghost10"), "room@x10a", "room@x10b");
            redis.command("HSET", keys.nodes(), "ghost10", "1 0 gone");
            try {
                JsonObject logout = nextWithin(survivor, "logout", Duration.ofSeconds(30));
                assertEquals("ghostseat", logout.getString("from_client_id"));
                assertEquals("ghost", logout.getString("from_client_name"));
            } finally {
                redis.command("DEL", keys.seats("room@x10b")); // the next retry completes the sweep
            }
        }
    }

    @Test
    void aSeatWhoseUnseatHadNotLandedWhenItsNodeStoppedGracefullyIsSweptAndAnnounced() throws Exception {
        try (TestCluster two = TestCluster.start(cluster().redis().url(), 2);
                ChatClient survivor = ChatClient.connect(two.node(0).chatFor("x210"))) {
            RedisKeys keys = new RedisKeys(two.prefix());
            survivor.login("survivor", "x11");
            // n2's seat whose unseat was still under way when n2 left the cluster
            cluster().redis().command("HSET", keys.seats("room@x11"), "orphanseat", "1 n2 x211 orphan");
            cluster().redis().command("SADD", keys.nodeRooms("n2"), "room@x11");
            two.stop(1);
            JsonObject logout = nextWithin(survivor, "logout", Duration.ofSeconds(40));
            assertEquals("orphanseat", logout.getString("from_client_id"));
            assertEquals("orphan", logout.getString("from_client_name"));
        }
    }

    @Test
    void aNodeWithChatOffThatSweepsADeadNodeStillAnnouncesItsSeatsLogouts() throws Exception {
        RedisServer redis = cluster().redis();
        try (TestCluster chatOff = TestCluster.start(redis.url(), 1, java.util.Map.of("TIDINGS_CHAT", "off"));
                java.net.Socket watcher = new java.net.Socket("127.0.0.1", redis.port())) {
            RedisKeys keys = new RedisKeys(chatOff.prefix());
            // A listener on the room's route, as a node with a seat there would be: it hears what the room hears.
            redis.command("HSET", keys.route("room@x12"), "watcher", "1");
            watcher.setSoTimeout(30_000);
            watcher.getOutputStream().write(("SUBSCRIBE " + keys.nodeChannel("watcher") + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    watcher.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 6; i++) {
                in.readLine(); // the subscription's confirmation
            }
            redis.command("HSET", keys.seats("room@x12"), "ghostseat", "1 ghost12 x221 ghost");
            redis.command("SADD", keys.nodeRooms("ghost12"), "room@x12");
            redis.command("HSET", keys.nodes(), "ghost12", "1 0 gone");
            String line = in.readLine();
            while (!line.contains("\"type\":\"logout\"")) {
                line = in.readLine(); // a read past 30 s fails the test
            }
            assertTrue(line.contains("\"from_client_id\":\"ghostseat\""), line);
        }
    }

    @Test
    void aRoomsSeatsAreClosedStoreResetWhenRedisLostTheRoomsStream() throws Exception {
        try (ChatClient talker = on(0, "x230"); ChatClient listener = on(1, "x231")) {
            talker.login("talker", "x13");
            listener.login("listener", "x13");
            talker.next("login");
            talker.say("before");
            assertEquals("before", listener.next("say").getString("content"));
            RedisKeys keys = new RedisKeys(cluster().prefix());
            String unit = RedisKeys.unit(io.tidings.inbox.StreamKey.group("room@x13"));
            cluster().redis().command("DEL", keys.meta(unit), keys.stream(unit)); // Redis lost them
            talker.say("after");
            String reset = CloseReason.STORE_RESET.code() + " " + CloseReason.STORE_RESET.text();
            assertEquals(reset, WsClient.describe(listener.ws().awaitClose()), "a seat holding the old seqs");
        }
    }

    /** The next frame of this type within the time (a killed node's seats leave after its TTL, not at once). */
    static JsonObject nextWithin(ChatClient client, String type, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String frame = client.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame != null) {
                JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(frame)).readObject();
                if (type.equals(json.getString("type", null))) {
                    return json;
                }
            }
        }
        throw new AssertionError("no " + type + " frame within " + limit);
    }

    static double[] received() throws Exception {
        return ClusterDeliveryTest.receivedOn(cluster());
    }
}
