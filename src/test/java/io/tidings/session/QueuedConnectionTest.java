package io.tidings.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer and closer every transport shares, behind a fake transport that completes writes when told. */
class QueuedConnectionTest {
    /** A transport whose writes complete inline (as Jetty may report them) or only when the test says. */
    static final class FakeTransport extends QueuedConnection {
        final List<String> written = new ArrayList<>();
        // Not synchronized on the connection: a fake holding its monitor could hide a write made under the lock.
        final List<CloseReason> closes = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<LiveSession> closing = new ArrayList<>();
        boolean completeInline;

        FakeTransport(int queueLimit, List<LiveSession> closing) {
            super(1, "127.0.0.1", queueLimit, closing::add);
            authenticated("u1");
        }

        @Override
        protected void write(OutboundText frame) {
            written.add(frame.text());
            if (completeInline) {
                written(true);
            }
        }

        @Override
        protected void closeTransport(CloseReason reason) {
            closes.add(reason);
            if (inBandClose) {
                sendClose("close:" + reason.code());
            }
        }

        @Override
        protected void writeControl(Kind kind, Object frame) {
            written.add(kind == Kind.PING ? "ping" : (String) frame);
            if (completeInline) {
                written(true);
            }
        }

        @Override
        protected void controlWritten(Kind kind, boolean ok) {
            controls.add(kind + (ok ? "" : " failed"));
        }

        /** Control frames as a transport that writes its own would hand them over. */
        boolean inBandClose;
        final List<String> controls = new ArrayList<>();

        void pong(String frame) {
            sendPong(frame);
        }

        boolean reply(String closeFrame) {
            return sendClose(closeFrame);
        }

        void complete(boolean ok) {
            written(ok);
        }
    }

    @Test
    void oneFrameInFlightAndTheRestInOrder() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        assertTrue(connection.send("a"));
        assertTrue(connection.send("b"));
        assertTrue(connection.send("c"));
        assertEquals(List.of("a"), connection.written, "nothing more until the first write completes");
        connection.complete(true);
        assertEquals(List.of("a", "b"), connection.written);
        connection.complete(true);
        connection.complete(true);
        assertEquals(List.of("a", "b", "c"), connection.written);
    }

    @Test
    void inlineCompletionsDrainTheQueueWithoutGrowingTheStack() {
        FakeTransport connection = new FakeTransport(1 << 20, new ArrayList<>());
        connection.send("first");
        for (int i = 0; i < 100_000; i++) {
            assertTrue(connection.send(Integer.toString(i)));
        }
        // Every write from here on completes inside write(): a recursive pump would overflow the stack.
        connection.completeInline = true;
        connection.complete(true);
        assertEquals(100_001, connection.written.size());
        assertEquals("99999", connection.written.get(100_000));
    }

    @Test
    void overflowClosesSlowConsumerOnceAndTellsTheHub() {
        List<LiveSession> closing = new ArrayList<>();
        FakeTransport connection = new FakeTransport(4, closing);
        assertTrue(connection.send("in flight"));
        assertTrue(connection.send("1234"));
        assertFalse(connection.send("5"), "over the 4-character queue");
        assertFalse(connection.send("6"));
        connection.close(CloseReason.KICKED);
        assertEquals(List.of(CloseReason.SLOW_CONSUMER), connection.closes);
        assertEquals(List.of(connection), closing);
        connection.complete(true);
        assertEquals(List.of("in flight"), connection.written, "nothing is written once closing");
    }

    @Test
    void whatWaitsElsewhereIsJudgedOnTopOfTheQueueAndTheHeldFrames() {
        List<LiveSession> closing = new ArrayList<>();
        FakeTransport connection = new FakeTransport(10, closing);
        assertTrue(connection.send("in flight"));
        assertTrue(connection.send("1234"));
        assertTrue(connection.hold("g:room"));
        assertTrue(connection.send(OutboundText.stored("56", "g:room", 1)));
        assertTrue(connection.admits(4), "4 + 2 held + 4 more: the 10-character limit");
        assertEquals(List.of(), connection.closes);
        assertFalse(connection.admits(5));
        assertEquals(List.of(CloseReason.SLOW_CONSUMER), connection.closes);
        assertEquals(List.of(connection), closing);
        assertFalse(connection.admits(0), "closed");
    }

    @Test
    void aQueuedFrameCountsTheHeldOnesToo() {
        FakeTransport connection = new FakeTransport(4, new ArrayList<>());
        assertTrue(connection.send("in flight"));
        assertTrue(connection.hold("g:room"));
        assertTrue(connection.send(OutboundText.stored("12", "g:room", 1)));
        assertTrue(connection.send("34"));
        assertFalse(connection.send("5"), "2 held + 2 queued: the 4-character limit");
        assertEquals(List.of(CloseReason.SLOW_CONSUMER), connection.closes);
    }

    @Test
    void aFailedWriteEndsTheConnectionWithoutACloseFrame() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.send("a");
        connection.send("b");
        connection.complete(false);
        assertFalse(connection.send("c"));
        assertEquals(List.of("a"), connection.written);
        assertEquals(List.of(), connection.closes);
    }

    @Test
    void afterThePeerClosedNothingIsSentNorClosed() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.markClosed();
        assertFalse(connection.send("a"));
        connection.close(CloseReason.GOING_AWAY);
        assertEquals(List.of(), connection.written);
        assertEquals(List.of(), connection.closes);
        assertEquals(null, connection.closedBy());
    }

    @Test
    void racingClosesSendOneCloseFrame() throws Exception {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (CloseReason reason : CloseReason.values()) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    connection.close(reason);
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(1, connection.closes.size());
        assertEquals(connection.closes.get(0), connection.closedBy());
    }

    @Test
    void aPongGoesAheadOfQueuedTextAndOnlyTheLatestWaits() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.send("a");
        connection.send("b");
        connection.pong("pong1");
        connection.pong("pong2");
        connection.complete(true);
        assertEquals(List.of("a", "pong2"), connection.written, "the latest pong, before the queued text");
        connection.complete(true);
        connection.complete(true);
        assertEquals(List.of("a", "pong2", "b"), connection.written);
        assertEquals(List.of("PONG"), connection.controls);
    }

    @Test
    void aPingGoesAfterAWaitingPongAheadOfQueuedTextOneAtATimeAndNoneOnceClosing() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.send("a");
        connection.send("b");
        connection.ping();
        connection.ping();
        connection.pong("pong");
        connection.complete(true);
        connection.complete(true);
        connection.complete(true);
        connection.complete(true);
        assertEquals(List.of("a", "pong", "ping", "b"), connection.written, "one ping, behind the pong, before text");
        connection.ping();
        assertEquals(List.of("a", "pong", "ping", "b", "ping"), connection.written, "an idle writer sends it now");
        connection.complete(true);
        connection.inBandClose = true;
        connection.close(CloseReason.KICKED);
        connection.complete(true);
        connection.ping();
        assertEquals(List.of("a", "pong", "ping", "b", "ping", "close:4006"), connection.written);
        assertEquals(List.of("PONG", "PING", "PING", "CLOSE"), connection.controls);
    }

    @Test
    void theCloseFrameWaitsForTheFrameInFlightAndNothingFollowsIt() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.inBandClose = true;
        connection.send("a");
        connection.send("b");
        connection.close(CloseReason.KICKED);
        assertFalse(connection.send("c"));
        connection.pong("too late");
        assertEquals(List.of("a"), connection.written, "the close waits for the frame on the socket");
        connection.complete(true);
        assertEquals(List.of("a", "close:4006"), connection.written, "queued text is dropped, the close goes out");
        connection.complete(true);
        connection.pong("after the close");
        assertFalse(connection.reply("close:1000"), "one close frame per connection");
        assertEquals(List.of("a", "close:4006"), connection.written);
        assertEquals(List.of("CLOSE"), connection.controls);
    }

    @Test
    void afterThePeerClosedTheTransportMayStillAnswerItsClose() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.completeInline = true;
        connection.markClosed();
        assertTrue(connection.reply("close:1000"));
        assertFalse(connection.reply("close:1000"));
        assertEquals(List.of("close:1000"), connection.written);
    }

    @Test
    void aFailedControlWriteIsReportedAndEndsTheWriter() {
        FakeTransport connection = new FakeTransport(100, new ArrayList<>());
        connection.pong("pong");
        connection.send("a");
        connection.complete(false);
        assertFalse(connection.send("b"));
        assertEquals(List.of("pong"), connection.written);
        assertEquals(List.of("PONG failed"), connection.controls);
    }
}
