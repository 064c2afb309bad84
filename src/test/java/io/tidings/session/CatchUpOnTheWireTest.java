package io.tidings.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.hub.OutboundText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holding and releasing a stream on a session's one writer (the fake transport of {@link QueuedConnectionTest}):
 * the welcome first, held frames after what the catch-up read, nothing twice.
 */
class CatchUpOnTheWireTest {
    static final String OWN = "u:u1";
    static final String ROOM = "g:room";

    static QueuedConnectionTest.FakeTransport session() {
        QueuedConnectionTest.FakeTransport session = new QueuedConnectionTest.FakeTransport(1 << 20, new ArrayList<>());
        session.completeInline = true;
        return session;
    }

    static OutboundText stored(String stream, long seq) {
        return OutboundText.stored(stream + "#" + seq, stream, seq);
    }

    @Test
    void anOpeningSessionSendsNothingBeforeItsWelcomeThenTheHeldFramesAboveIt() {
        QueuedConnectionTest.FakeTransport session = session();
        session.holdOpening(OWN);
        assertTrue(session.send(new OutboundText("pong")));
        assertTrue(session.send(stored(OWN, 5)));
        assertTrue(session.send(stored(OWN, 6)));
        assertEquals(List.of(), session.written, "nothing before the welcome");
        session.release(OWN, 5, List.of(new OutboundText("welcome"), stored(OWN, 4), stored(OWN, 5)));
        assertEquals(List.of("welcome", "u:u1#4", "u:u1#5", "pong", "u:u1#6"), session.written);
        assertFalse(session.send(stored(OWN, 6)), "sent already");
        assertTrue(session.send(stored(OWN, 7)));
        assertEquals("u:u1#7", session.written.get(session.written.size() - 1));
    }

    @Test
    void anotherStreamsReleaseDoesNotOpenTheGate() {
        QueuedConnectionTest.FakeTransport session = session();
        session.holdOpening(OWN);
        assertTrue(session.hold(ROOM));
        session.release(ROOM, 3, List.of(new OutboundText("resumed room")));
        assertEquals(List.of(), session.written, "the welcome still comes first");
        session.release(OWN, 0, List.of(new OutboundText("welcome")));
        assertEquals(List.of("welcome", "resumed room"), session.written);
    }

    @Test
    void aResumeOnAnOpenSessionHoldsOnlyItsStreamAndOneAtATime() {
        QueuedConnectionTest.FakeTransport session = session();
        assertTrue(session.hold(ROOM));
        assertFalse(session.hold(ROOM), "one catch-up of a stream at a time");
        assertTrue(session.send(new OutboundText("pong")));
        assertTrue(session.send(stored(ROOM, 9)));
        assertTrue(session.send(stored(OWN, 2)));
        assertEquals(List.of("pong", "u:u1#2"), session.written, "other frames flow");
        session.release(ROOM, 9, List.of(stored(ROOM, 8), stored(ROOM, 9), new OutboundText("resumed")));
        assertEquals(List.of("pong", "u:u1#2", "g:room#8", "g:room#9", "resumed"), session.written,
                "the held 9 was replayed: sent once");
        assertFalse(session.send(stored(ROOM, 9)));
        assertTrue(session.send(stored(ROOM, 10)));
    }

    @Test
    void aGroupStreamNeverResumedIsLiveOnly() {
        QueuedConnectionTest.FakeTransport session = session();
        assertTrue(session.send(stored(ROOM, 3)));
        assertTrue(session.send(stored(ROOM, 3)), "no cursor: no judgement");
        assertEquals(2, session.written.size());
    }
}
