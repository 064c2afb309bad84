package io.tidings.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.config.SessionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster's newcomer sits down before its login is answered: what the room sends it meanwhile waits behind the
 * answer, in order, within the session's outbound limit, and a seat that leaves before its answer was never announced.
 */
class RoomsTest {
    final Rooms rooms = new Rooms(new Hub(SessionPolicy.ALL, 4, HubListener.NONE));

    @Test
    void whatReachesAnArrivingSeatWaitsBehindItsAnswer() {
        FakeConnection there = new FakeConnection("s1", "u1");
        FakeConnection arriving = new FakeConnection("s2", "u2");
        Rooms.Seat old = new Rooms.Seat("c1", "u1", "one", "room@r", there);
        Rooms.Seat seat = new Rooms.Seat("c2", "u2", "two", "room@r", arriving);
        rooms.add(old);
        rooms.addArriving(seat);
        assertTrue(rooms.isArriving(seat));
        assertEquals(2, rooms.sendToRoom("room@r", null, new OutboundText("a")));
        assertEquals(1, rooms.sendToClient("c2", new OutboundText("b")));
        assertEquals(List.of("a"), there.sent);
        assertEquals(List.of(), arriving.sent, "held until the answer");
        rooms.answered(seat, () -> arriving.send("answer"));
        rooms.sendToRoom("room@r", null, new OutboundText("c"));
        assertEquals(List.of("answer", "a", "b", "c"), arriving.sent);
        assertFalse(rooms.isArriving(seat));
    }

    @Test
    void aSeatRemovedBeforeItsAnswerIsNoLongerArriving() {
        Rooms.Seat seat = new Rooms.Seat("c3", "u3", "three", "room@q", new FakeConnection("s3", "u3"));
        rooms.addArriving(seat);
        assertTrue(rooms.remove(seat));
        assertFalse(rooms.isArriving(seat));
        assertEquals(0, rooms.sendToRoom("room@q", null, new OutboundText("x")));
    }

    @Test
    void whatWaitsForAnArrivingSeatCountsAgainstItsOutboundLimit() {
        FakeConnection slow = new FakeConnection("s4", "u4");
        slow.outboundLimit = 8;
        Rooms.Seat seat = new Rooms.Seat("c4", "u4", "four", "room@busy", slow);
        rooms.addArriving(seat);
        assertEquals(1, rooms.sendToRoom("room@busy", null, new OutboundText("aaaa")));
        assertEquals(1, rooms.sendToClient("c4", new OutboundText("bbbb")));
        assertNull(slow.closedWith.get(), "8 characters waiting: at the limit, not past it");
        assertEquals(0, rooms.sendToRoom("room@busy", null, new OutboundText("cccc")), "past the limit");
        assertEquals(CloseReason.SLOW_CONSUMER, slow.closedWith.get());
        assertEquals(0, rooms.sendToClient("c4", new OutboundText("dddd")), "nothing more waits once closed");
        rooms.answered(seat, () -> slow.send("answer"));
        assertEquals(List.of(), slow.sent);
    }
}
