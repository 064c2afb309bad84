package io.tidings.launcher.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.hub.OutboundText;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The direct transport's writer on Jetty's in-memory endpoint: what goes on the wire, in which order. */
class FrameWriterTest {
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler();
    private final ByteArrayEndPoint wire = new ByteArrayEndPoint(null, 0, BufferUtil.EMPTY_BUFFER, 1024, true);
    private FrameWriter session;

    @BeforeEach
    void open() throws Exception {
        scheduler.start();
        session = new FrameWriter(wire, scheduler, 1, "127.0.0.1", 1 << 20, closing -> { }, () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.stop();
    }

    @Test
    void aTextFrameGoesOutWholeAndUnmasked() {
        session.send(new OutboundText("{\"event\":\"x\"}"));
        byte[] out = BufferUtil.toArray(wire.takeOutput());
        assertEquals(0x81, out[0] & 0xff);
        assertEquals(13, out[1]); // no mask bit, 13 bytes
        assertEquals("{\"event\":\"x\"}", new String(out, 2, out.length - 2, StandardCharsets.UTF_8));
    }

    /** A text that arrives once the session is closing never goes out (RFC 6455: nothing follows a close). */
    @Test
    void nothingFollowsOurCloseFrame() {
        session.close(CloseReason.KICKED);
        assertFalse(session.send(new OutboundText("{\"event\":\"late\"}")));
        byte[] out = BufferUtil.toArray(wire.takeOutput());
        byte[] reason = "kicked".getBytes(StandardCharsets.UTF_8);
        assertEquals(0x88, out[0] & 0xff, Arrays.toString(out));
        assertEquals(2 + reason.length, out[1], "the close frame alone: " + Arrays.toString(out));
        assertEquals(4 + reason.length, out.length, "nothing after the close frame: " + Arrays.toString(out));
        assertEquals(4006, ((out[2] & 0xff) << 8) | (out[3] & 0xff));
    }

    /**
     * Senders racing a close on other threads: whatever made it out before the close frame is whole text
     * frames, the close frame is the last frame on the wire, and there is exactly one.
     */
    @Test
    void theCloseFrameIsLastWhateverRacesIt() throws Exception {
        for (int round = 0; round < 50; round++) {
            FrameWriter racing = new FrameWriter(wire, scheduler, 2, "127.0.0.1", 1 << 20, closing -> { }, () -> { });
            ExecutorService senders = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (int t = 0; t < 4; t++) {
                    senders.execute(() -> {
                        await(go);
                        for (int i = 0; i < 50; i++) {
                            racing.send(new OutboundText("{\"event\":\"x\"}"));
                        }
                    });
                }
                go.countDown();
                racing.close(CloseReason.KICKED);
            } finally {
                senders.shutdown();
                assertTrue(senders.awaitTermination(10, TimeUnit.SECONDS));
            }
            ByteBuffer written = wire.takeOutput();
            out.write(BufferUtil.toArray(written));
            assertCloseIsLast(out.toByteArray());
        }
    }

    /** Walks the frames: text frames, then exactly one close frame, then nothing. */
    private static void assertCloseIsLast(byte[] wire) {
        int at = 0;
        int closes = 0;
        while (at < wire.length) {
            int opcode = wire[at] & 0x0f;
            int length = wire[at + 1] & 0x7f;
            assertTrue(length < 126, "small frames only in this test");
            if (opcode == 8) {
                closes++;
                assertEquals(wire.length, at + 2 + length, "the close frame is the last bytes on the wire");
            } else {
                assertEquals(1, opcode, "only text frames before it");
            }
            at += 2 + length;
        }
        assertEquals(1, closes);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
