package io.tidings.launcher;

import io.tidings.close.CloseReason;
import io.tidings.hub.Connection;
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
 * The writing half of a direct-transport session: the {@link QueuedConnection} the hub delivers to, writing
 * frames straight to Jetty's {@link EndPoint}, and the close handshake. One frame is on the socket at a time. A
 * text frame comes from the queue above; a pong or a close frame made by the transport waits here, in one slot
 * each, for the frame in flight: a pong before the next text frame, the close frame last of all. Writes
 * complete inline or on Jetty's selector thread, and never block.
 */
final class DirectSession extends QueuedConnection implements Callback {
    /** Stateless: it only formats frame headers. */
    private static final Generator FRAMES = new Generator();
    private static final byte IDLE = -1;

    private final EndPoint endPoint;
    private final CloseGrace grace;
    private final Runnable onPongWritten;

    // Guarded by this, the monitor QueuedConnection's writer state uses too.
    private byte inFlight = IDLE; // the opcode of the frame on the socket
    private ByteBuffer waitingPong;
    private ByteBuffer waitingText;
    private ByteBuffer waitingClose;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean failing;

    DirectSession(EndPoint endPoint, Scheduler scheduler, long serial, String address, int queueLimit,
            Consumer<Connection> onClosing, Runnable onPongWritten) {
        super(serial, address, queueLimit, onClosing);
        this.endPoint = endPoint;
        this.grace = new CloseGrace(scheduler, endPoint::close);
        this.onPongWritten = onPongWritten;
    }

    @Override
    protected void write(OutboundText text) {
        ByteBuffer frame = ByteBuffer.wrap(text.framed(DirectSession::textFrame));
        synchronized (this) {
            // Closed since the queue handed this text out (the close marks the session closed before its frame
            // is queued): nothing may follow a close frame.
            if (!isOpen() || !claim(OpCode.TEXT, frame)) {
                return;
            }
        }
        endPoint.write(this, frame);
    }

    /** A whole unmasked text frame: the same bytes for every session, so a broadcast frames once. */
    private static byte[] textFrame(byte[] utf8) {
        ByteBuffer frame = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + utf8.length);
        FRAMES.generateWholeFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)), frame);
        return BufferUtil.toArray(frame);
    }

    /** Answers a ping; only the latest unanswered one is answered, as RFC 6455 allows. */
    void pong(ByteBuffer pingPayload) {
        ByteBuffer frame = whole(new Frame(OpCode.PONG, pingPayload)); // a copy: the ping's buffer is reused
        synchronized (this) {
            if (!claim(OpCode.PONG, frame)) {
                return;
            }
        }
        endPoint.write(this, frame);
    }

    @Override
    protected void closeTransport(CloseReason reason) {
        grace.start();
        closeFrame(new CloseStatus(reason.code(), reason.text()).toFrame(), false);
    }

    /** A frame broke RFC 6455: the close frame goes out, and the connection ends without waiting for an answer. */
    void fail(CloseReason reason) {
        boolean endNow;
        synchronized (this) {
            failing = true;
            endNow = closeSent;
        }
        if (endNow) {
            endPoint.close();
        } else {
            close(reason); // when this side is already closing, its close frame's completion ends the connection
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
        closeFrame(CloseStatus.toFrame(code), true);
        // Usually the reply went out and the connection ended just now. If not (a peer that stopped reading,
        // behind a frame half written), it is no longer counted as a session and must not linger.
        grace.start();
    }

    /** The connection is gone. */
    void ended() {
        grace.ended();
    }

    private void closeFrame(Frame close, boolean reply) {
        ByteBuffer frame = whole(close);
        synchronized (this) {
            boolean oneAlready = waitingClose != null || closeSent || (reply && inFlight == OpCode.CLOSE);
            if (oneAlready || !claim(OpCode.CLOSE, frame)) {
                return; // one close frame per connection
            }
        }
        endPoint.write(this, frame);
    }

    /** Under the lock: true when the writer was idle and the frame is now in flight, else it waits in its slot. */
    private boolean claim(byte opCode, ByteBuffer frame) {
        if (inFlight == IDLE) {
            inFlight = opCode;
            return true;
        }
        switch (opCode) {
            case OpCode.PONG -> waitingPong = frame;
            case OpCode.TEXT -> waitingText = frame;
            default -> waitingClose = frame;
        }
        return false;
    }

    private static ByteBuffer whole(Frame frame) {
        ByteBuffer buffer = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + frame.getPayloadLength());
        FRAMES.generateWholeFrame(frame, buffer);
        return buffer;
    }

    /** False once either side began closing: what the client still sends is then dropped. */
    boolean accepting() {
        return isOpen();
    }

    /** The frame in flight is written: report it, then start the next one waiting, pong first, close last. */
    @Override
    public void succeeded() {
        byte done;
        ByteBuffer next;
        boolean end = false;
        synchronized (this) {
            done = inFlight;
            inFlight = IDLE;
            if (done == OpCode.CLOSE) {
                closeSent = true;
                end = closeReceived || failing;
            }
            next = takeNext();
        }
        if (end) {
            endPoint.close();
            return;
        }
        if (done == OpCode.TEXT) {
            written(true);
        } else if (done == OpCode.PONG) {
            onPongWritten.run();
        }
        if (next != null) {
            endPoint.write(this, next);
        }
    }

    /** Under the lock: the next waiting frame, pong first and close last, now in flight; null when none waits. */
    private ByteBuffer takeNext() {
        ByteBuffer next;
        if (waitingPong != null) {
            next = waitingPong;
            waitingPong = null;
            inFlight = OpCode.PONG;
        } else if (waitingText != null) {
            next = waitingText;
            waitingText = null;
            inFlight = OpCode.TEXT;
        } else {
            next = waitingClose;
            waitingClose = null;
            inFlight = next == null ? IDLE : OpCode.CLOSE;
        }
        return next;
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
