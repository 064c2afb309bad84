package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.close.CloseReason;
import io.tidings.hub.OutboundText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The direct transport's writer on Jetty's in-memory endpoint: what goes on the wire, in which order. */
class DirectSessionTest {
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler();
    private final ByteArrayEndPoint wire = new ByteArrayEndPoint(null, 0, BufferUtil.EMPTY_BUFFER, 1024, true);
    private DirectSession session;

    @BeforeEach
    void open() throws Exception {
        scheduler.start();
        session = new DirectSession(wire, scheduler, 1, "127.0.0.1", 1 << 20, closing -> { }, () -> { });
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

    /**
     * The queue may hand a text frame to the writer just as another thread closes the session: the close frame
     * goes out, and the text that arrives after it never does (RFC 6455: nothing follows a close frame).
     */
    @Test
    void nothingFollowsOurCloseFrame() {
        session.close(CloseReason.KICKED);
        session.write(new OutboundText("{\"event\":\"late\"}"));
        byte[] out = BufferUtil.toArray(wire.takeOutput());
        byte[] reason = "kicked".getBytes(StandardCharsets.UTF_8);
        assertEquals(0x88, out[0] & 0xff, Arrays.toString(out));
        assertEquals(2 + reason.length, out[1], "the close frame alone: " + Arrays.toString(out));
        assertEquals(4 + reason.length, out.length, "nothing after the close frame: " + Arrays.toString(out));
        assertEquals(4006, ((out[2] & 0xff) << 8) | (out[3] & 0xff));
    }
}
