package io.tidings.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.hub.FakeConnection;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A cluster's seating (SpanningSeats) against a RoomDirectory whose answers this test gives by hand, so the order of
 * Redis's answers and the room's frames is deterministic. Delivery is a single node's: the room here hears what a
 * cluster would publish.
 */
class SpanningSeatsTest {
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

    final ChatRig rig = new ChatRig();
    final Groups groups = rig.groups;
    final HeldDirectory seats = new HeldDirectory();
    final Seating seating = new Seating(rig.rooms, GroupDirectory.of(groups), seats, rig.delivery, null,
            rig.config.chat(), rig.config.apiLimits(), rig.jsonb, 1 << 20);
    final ChatProtocol protocol = rig.protocol(seating);

    /** Two sessions seated in room r, Redis having answered their seats. */
    void seatTwo(FakeConnection stays, FakeConnection leaves) throws Exception {
        protocol.onText(stays, ChatRig.LOGIN);
        protocol.onText(leaves, ChatRig.LOGIN);
        seats.seatAll();
    }

    @Test
    void theRoomHearsALogoutOnlyOnceTheSeatIsOutOfRedis() throws Exception {
        FakeConnection stays = new FakeConnection("s1", "u1");
        FakeConnection leaves = new FakeConnection("s2", "u2");
        seatTwo(stays, leaves);
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
        protocol.onText(refused, ChatRig.LOGIN);
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
        seatTwo(stays, leaves);
        int before = stays.sent.size();
        protocol.onClosed(leaves);
        seats.left.poll().completeExceptionally(new IllegalStateException("redis unavailable"));
        assertEquals(before + 1, stays.sent.size());
        assertTrue(stays.sent.get(before).startsWith("{\"type\":\"logout\""), stays.sent.get(before));
    }

    @Test
    void aSeatWhoseSitLandsAfterTheUidsLastSeatLeftKeepsTheOpenRoomsMembership() throws Exception {
        FakeConnection first = new FakeConnection("s7", "u7");
        protocol.onText(first, ChatRig.LOGIN);
        seats.seatAll();
        FakeConnection second = new FakeConnection("s8", "u7");
        protocol.onText(second, ChatRig.LOGIN); // joins (a member already), its SIT on its way to Redis
        protocol.onClosed(first);
        seats.left.poll().complete(true); // Redis unseated the uid's last seat there: the membership goes
        assertFalse(groups.isMember("room@r", "u7"));
        seats.seatAll(); // the second seat's SIT lands after that
        assertTrue(groups.isMember("room@r", "u7"), "seated in an open room without being its member");
    }
}
