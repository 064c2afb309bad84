package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigLoader;
import io.tidings.config.SessionPolicy;
import io.tidings.config.TidingsConfig;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.FakeConnection;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A cluster's seating (SpanningSeats) against a RoomDirectory whose answers this test gives by hand, so the order of
 * Redis's answers and the room's frames is deterministic. Delivery is a single node's: the room here hears what a
 * cluster would publish.
 */
class SpanningSeatsTest {
    static final String LOGIN = "{\"type\":\"login\",\"client_name\":\"n\",\"room_id\":\"r\"}";

    /** Each call waits for the test to complete its future. */
    static final class HeldDirectory implements RoomDirectory {
        final ArrayDeque<CompletableFuture<List<Sitter>>> sat = new ArrayDeque<>();
        final ArrayDeque<CompletableFuture<Boolean>> left = new ArrayDeque<>();
        final List<Sitter> seated = new ArrayList<>();

        @Override
        public CompletableFuture<List<Sitter>> sat(Rooms.Seat seat) {
            CompletableFuture<List<Sitter>> answer = new CompletableFuture<>();
            sat.add(answer);
            seated.add(new Sitter(seat.clientId(), seat.uid(), seat.name()));
            return answer;
        }

        @Override
        public CompletableFuture<Boolean> left(Rooms.Seat seat) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            left.add(answer);
            return answer;
        }

        @Override
        public CompletableFuture<Sitter> find(String room, String clientId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> seated(String room, String uid) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public void onLost(Consumer<List<Lost>> listener) {
        }

        void seatAll() {
            while (!sat.isEmpty()) {
                sat.poll().complete(List.copyOf(seated));
            }
        }
    }

    final Jsonb jsonb = JsonbBuilder.create();
    final TidingsConfig config = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", "k".repeat(32), "TIDINGS_INBOX", "off"))
            .load();
    final Rooms rooms = new Rooms(new Hub(SessionPolicy.ALL, 16, HubListener.NONE));
    final Groups groups = new Groups(100, 100, 1000);
    final MemoryInbox store = new MemoryInbox(config.inbox(), IdempotencyWindow.WINDOW, System::currentTimeMillis);
    final Metrics metrics = new Metrics(() -> 0);
    final DeliveryService delivery = new DeliveryService(new LocalBroker(new Hub(SessionPolicy.ALL, 16,
            HubListener.NONE), groups, rooms, store, Runnable::run), new MessageIds(), jsonb, Clock.systemUTC(),
            metrics, true);
    final HeldDirectory seats = new HeldDirectory();
    final Seating seating = new Seating(rooms, GroupDirectory.of(groups), seats, delivery, null,
            config.chat(), config.apiLimits(), jsonb, 1 << 20);
    final ChatProtocol protocol = new ChatProtocol(Dispatcher.keyedBy("type",
            EventTable.scan(new ChatEvents(seating, delivery)), jsonb, metrics, 8), seating);

    @Test
    void theRoomHearsALogoutOnlyOnceTheSeatIsOutOfRedis() throws Exception {
        FakeConnection stays = new FakeConnection("s1", "u1");
        FakeConnection leaves = new FakeConnection("s2", "u2");
        protocol.onText(stays, LOGIN);
        protocol.onText(leaves, LOGIN);
        seats.seatAll();
        int before = stays.sent.size();
        protocol.onClosed(leaves);
        assertEquals(before, stays.sent.size(), "a logout before the unseat landed: " + stays.sent);
        seats.left.poll().complete(true);
        assertEquals(before + 1, stays.sent.size());
        assertTrue(stays.sent.get(before).startsWith("{\"type\":\"logout\""), stays.sent.get(before));
    }

    @Test
    void aLoginThatRedisCouldNotRecordLeavesNoMembershipOfTheOpenRoom() throws Exception {
        FakeConnection refused = new FakeConnection("s5", "u5");
        protocol.onText(refused, LOGIN);
        assertTrue(groups.isMember("room@r", "u5"), "an open room's login joins first");
        seats.sat.poll().completeExceptionally(new IllegalStateException("redis unavailable"));
        seats.left.poll().complete(true);
        assertTrue(refused.sent.get(0).startsWith("{\"type\":\"error\",\"code\":110,"), refused.sent.get(0));
        assertFalse(groups.isMember("room@r", "u5"), "a member of a room it never sat in");
    }

    @Test
    void theRoomHearsTheLogoutEvenWhenTheUnseatFailed() throws Exception {
        FakeConnection stays = new FakeConnection("s3", "u3");
        FakeConnection leaves = new FakeConnection("s4", "u4");
        protocol.onText(stays, LOGIN);
        protocol.onText(leaves, LOGIN);
        seats.seatAll();
        int before = stays.sent.size();
        protocol.onClosed(leaves);
        seats.left.poll().completeExceptionally(new IllegalStateException("redis unavailable"));
        assertEquals(before + 1, stays.sent.size());
        assertTrue(stays.sent.get(before).startsWith("{\"type\":\"logout\""), stays.sent.get(before));
    }
}
