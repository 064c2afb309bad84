package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.hub.FakeConnection;
import io.tidings.hub.Groups;
import io.tidings.hub.Rooms;
import io.tidings.inbox.Inbox;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The races of a login, made deterministic: the room's history is read on an executor this test runs by hand,
 * so a second login, or the session's close, can come while the first login waits for its history.
 */
class SeatingTest {
    static final String LOGIN = ChatRig.LOGIN;

    final ArrayDeque<Runnable> reads = new ArrayDeque<>();
    final Executor byHand = reads::add;
    final ChatRig rig = new ChatRig();
    final Rooms rooms = rig.rooms;
    final Groups groups = rig.groups;
    final Seating seating = new Seating(rooms, groups, rig.delivery, new Inbox(rig.store, rig.config.inbox(), byHand),
            rig.config.chat(), rig.config.apiLimits(), rig.jsonb, 1 << 20);
    final ChatProtocol protocol = rig.protocol(seating);

    void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
    }

    @Test
    void aSecondLoginWhileTheFirstWaitsForItsHistoryIsRefusedBusy() throws Exception {
        FakeConnection session = new FakeConnection("s1", "u1");
        protocol.onText(session, LOGIN);
        protocol.onText(session, LOGIN);
        assertEquals(1, session.sent.size());
        assertTrue(session.sent.get(0).startsWith("{\"type\":\"error\",\"code\":109,"), session.sent.get(0));
        runReads();
        assertTrue(session.sent.get(1).contains("\"client_list\""), session.sent.get(1));
        protocol.onText(session, LOGIN);
        runReads();
        assertTrue(session.sent.get(2).contains("\"client_list\""), "once answered, a login may follow");
    }

    @Test
    void aSessionThatClosesWhileItsHistoryIsReadNeverSitsDownNorIsAnnounced() throws Exception {
        FakeConnection there = new FakeConnection("s2", "u2");
        protocol.onText(there, LOGIN);
        runReads();
        FakeConnection gone = new FakeConnection("s3", "u3");
        protocol.onText(gone, LOGIN);
        protocol.onClosed(gone);
        runReads();
        assertEquals(1, rooms.seated("room@r").size(), "no ghost in the room");
        assertEquals(1, there.sent.size(), "the room never heard of it: " + there.sent);
        assertEquals(0, gone.sent.size());
        assertTrue(!groups.isMember("room@r", "u3"), "nor is it a member");
    }

    @Test
    void theLastSessionOfAUidToLeaveAnOpenRoomEndsItsMembership() throws Exception {
        FakeConnection first = new FakeConnection("s4", "u4");
        FakeConnection second = new FakeConnection("s5", "u4");
        protocol.onText(first, LOGIN);
        protocol.onText(second, LOGIN);
        runReads();
        protocol.onClosed(first);
        assertTrue(groups.isMember("room@r", "u4"), "its other session is still there");
        protocol.onClosed(second);
        assertTrue(!groups.isMember("room@r", "u4"));
        assertEquals(0, rooms.roomCount());
    }
}
