package io.tidings.launcher.websocket;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import io.tidings.session.QueuedConnection;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;

/**
 * The writing half of a direct-transport session: the {@link QueuedConnection} the hub delivers to, writing whole
 * frames straight to Jetty's {@link EndPoint}, and this side of the close handshake. Which frame goes next (a
 * pong ahead of the text frames, the close frame last) is the queued connection's one writer; this class only
 * frames and writes. Writes complete inline or on Jetty's selector thread, and never block.
 */
final class FrameWriter extends QueuedConnection implements Callback {
    /** Stateless: it only formats frame headers. */
    private static final Generator FRAMES = new Generator();
    /** The heartbeat's ping, empty: every write sends a duplicate of it. */
    private static final ByteBuffer PING = whole(new Frame(OpCode.PING));

    private final EndPoint endPoint;
    private final CloseGrace grace;
    private final Runnable onPongWritten;

    // Guarded by this.
    private boolean closeSent;
    private boolean closeReceived;
    private boolean failing;

    FrameWriter(EndPoint endPoint, Scheduler scheduler, long serial, String address, int queueLimit,
            Consumer<LiveSession> onClosing, Runnable onPongWritten) {
        super(serial, address, queueLimit, onClosing);
        this.endPoint = endPoint;
        this.grace = new CloseGrace(scheduler, endPoint::close);
        this.onPongWritten = onPongWritten;
    }

    @Override
    protected void write(OutboundText text) {
        endPoint.write(this, ByteBuffer.wrap(text.framed(FrameWriter::textFrame)));
    }

    @Override
    protected void writeControl(Kind kind, Object frame) {
        endPoint.write(this, kind == Kind.PING ? PING.duplicate() : (ByteBuffer) frame);
    }

    /** A whole unmasked text frame: the same bytes for every session, so a broadcast frames once. */
    private static byte[] textFrame(byte[] utf8) {
        ByteBuffer frame = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + utf8.length);
        FRAMES.generateWholeFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)), frame);
        return BufferUtil.toArray(frame);
    }

    /** Answers a ping; only the latest unanswered one is answered, as RFC 6455 allows. */
    void pong(ByteBuffer pingPayload) {
        sendPong(whole(new Frame(OpCode.PONG, pingPayload))); // a copy: the ping's buffer is reused
    }

    @Override
    protected void closeTransport(CloseReason reason) {
        grace.start();
        sendClose(whole(new CloseStatus(reason.code(), reason.text()).toFrame()));
    }

    /**
     * The client's stream cannot be parsed past a frame (it broke RFC 6455, or announced too much): no answer to
     * our close frame can be read, so once the close frame is out this side shuts its output, which tells the
     * client nothing more comes, and the reader drops what arrives until the client ends the connection (or the
     * grace does). Ending it at once, with the client's bytes unread, would reset it, and a reset can overtake
     * the close frame.
     */
    void fail(CloseReason reason) {
        boolean sent;
        synchronized (this) {
            failing = true;
            sent = closeSent;
        }
        if (sent) {
            endPoint.shutdownOutput();
        } else {
            close(reason); // when this side is already closing, its close frame's completion shuts the output
        }
    }

    /**
     * The peer's close frame arrived: answered with the same code if ours was not sent yet, and the connection
     * ends once both are through. The session must already be marked closed, so no text frame follows.
     */
    void closeReceived(CloseStatus status) {
        boolean endNow;
        synchronized (this) {
            closeReceived = true;
            endNow = closeSent;
        }
        if (endNow) {
            endPoint.close();
            return;
        }
        int code = CloseStatus.isTransmittableStatusCode(status.getCode()) ? status.getCode() : CloseStatus.NORMAL;
        sendClose(whole(CloseStatus.toFrame(code))); // refused when ours waits already: it answers instead
        // Usually the reply went out and the connection ended just now. If not (a peer that stopped reading,
        // behind a frame half written), it is no longer counted as a session and must not linger.
        grace.start();
    }

    /** The connection is gone. */
    void ended() {
        grace.ended();
    }

    /** False once either side began closing: what the client still sends is then dropped. */
    boolean accepting() {
        return isOpen();
    }

    private static ByteBuffer whole(Frame frame) {
        ByteBuffer buffer = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + frame.getPayloadLength());
        FRAMES.generateWholeFrame(frame, buffer);
        return buffer;
    }

    @Override
    protected void controlWritten(Kind kind, boolean ok) {
        if (!ok) {
            return;
        }
        if (kind == Kind.PONG) {
            onPongWritten.run();
            return;
        }
        boolean end;
        boolean shut;
        synchronized (this) {
            closeSent = true;
            end = closeReceived;
            shut = failing;
        }
        if (end) {
            endPoint.close();
        } else if (shut) {
            endPoint.shutdownOutput();
        }
    }

    /** The frame in flight is written. */
    @Override
    public void succeeded() {
        written(true);
    }

    /** The socket failed under a write: the session is over. */
    @Override
    public void failed(Throwable cause) {
        written(false);
        endPoint.close(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING; // nothing here blocks, so Jetty may complete writes on its selector
    }
}
