package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigLoader;
import io.tidings.config.SessionPolicy;
import io.tidings.config.TidingsConfig;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.FakeConnection;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.Rooms;
import io.tidings.inbox.Inbox;
import io.tidings.inbox.MemoryInbox;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.IdempotencyWindow;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The races of a login, made deterministic: the room's history is read on an executor this test runs by hand,
 * so a second login, or the session's close, can come while the first login waits for its history.
 */
class SeatingTest {
    static final String LOGIN = "{\"type\":\"login\",\"client_name\":\"n\",\"room_id\":\"r\"}";

    final ArrayDeque<Runnable> reads = new ArrayDeque<>();
    final Executor byHand = reads::add;
    final Jsonb jsonb = JsonbBuilder.create();
    final TidingsConfig config = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", "k".repeat(32), "TIDINGS_INBOX", "memory"))
            .load();
    final Rooms rooms = new Rooms(new Hub(SessionPolicy.ALL, 16, HubListener.NONE));
    final Groups groups = new Groups(100, 100, 1000);
    final MemoryInbox store = new MemoryInbox(config.inbox(), IdempotencyWindow.WINDOW, System::currentTimeMillis);
    final Metrics metrics = new Metrics(() -> 0);
    final DeliveryService delivery = new DeliveryService(new LocalBroker(new Hub(SessionPolicy.ALL, 16,
            HubListener.NONE), groups, rooms, store, Runnable::run), new MessageIds(), jsonb, Clock.systemUTC(),
            metrics, true);
    final Seating seating = new Seating(rooms, groups, delivery, new Inbox(store, config.inbox(), byHand),
            config.chat(), config.apiLimits(), jsonb, 1 << 20);
    final ChatProtocol protocol = new ChatProtocol(Dispatcher.keyedBy("type",
            EventTable.scan(new ChatEvents(seating, delivery)), jsonb, metrics, 8), seating);

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
