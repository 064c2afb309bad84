package io.tidings.launcher.websocket;

import io.tidings.close.CloseReason;
import io.tidings.session.ClientSession;
import io.tidings.session.SessionRequest;
import io.tidings.session.Sessions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * The reading half of a direct-transport session: Jetty's {@link Connection} on the upgraded socket. It reads
 * on Jetty's selector thread itself ({@link AbstractConnection.NonBlocking}: nothing here blocks), parses with
 * Jetty's frame {@link Parser}, and hands whole text messages to the {@link ClientSession}; frames go out
 * through its {@link FrameWriter}. Compared with Jetty's WebSocket core this saves, per inbound frame, the
 * hand-off to a pool thread, the selector updates around it, and the read that finds the socket empty.
 * A network buffer is held only while a read is in progress, so an idle session holds none.
 */
final class FrameReader extends AbstractConnection.NonBlocking implements Connection.UpgradeTo {
    private static final System.Logger LOG = System.getLogger(FrameReader.class.getName());
    private static final int READ_BUFFER = 4096;
    /**
     * No frame size limit in the parser: a data frame is handed over in pieces as its bytes arrive, and
     * {@link TextMessages} enforces TIDINGS_MAX_FRAME on their sum, so nothing larger is ever buffered.
     */
    static final Configuration FRAMING = framing();

    private final ByteBufferPool buffers;
    private final Parser parser;
    private final FrameWriter session;
    private final ClientSession client;
    private final TextMessages messages;
    private final long idleBackstopMillis;
    private SessionRequest request;
    private ByteBuffer sentWithHandshake;
    /**
     * After a frame that cannot be parsed past (one breaking RFC 6455, or announcing more than TIDINGS_MAX_FRAME)
     * what the client still sends is read and dropped unparsed, until it ends the connection or the close grace
     * does: a connection closed with unread input is reset, and a reset can overtake our close frame.
     */
    private boolean discarding;

    // Guarded by this.
    private boolean pongPending;
    private boolean readPaused;
    private boolean reported;

    FrameReader(Sessions sessions, EndPoint endPoint, Connector connector, String address, SessionRequest request) {
        super(endPoint, connector.getExecutor());
        this.buffers = connector.getByteBufferPool();
        this.parser = new Parser(buffers, FRAMING);
        this.session = new FrameWriter(endPoint, connector.getScheduler(), sessions.nextSerial(), address,
                sessions.sendQueueBytes(), sessions.onClosing(), this::pongWritten);
        this.client = sessions.client(session);
        this.messages = new TextMessages(client, sessions.inboundLimit());
        this.idleBackstopMillis = sessions.idleBackstop().toMillis();
        this.request = request;
        setInputBufferSize(READ_BUFFER);
    }

    private static Configuration framing() {
        Configuration.ConfigurationCustomizer framing = new Configuration.ConfigurationCustomizer();
        framing.setMaxFrameSize(0);
        framing.setAutoFragment(true);
        return framing;
    }

    /** Bytes the client sent right behind its handshake, before this connection took the socket over. */
    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (BufferUtil.hasContent(buffer)) {
            sentWithHandshake = BufferUtil.copy(buffer);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        // Our sweeper decides idleness (4005); this is only a backstop behind it.
        getEndPoint().setIdleTimeout(idleBackstopMillis);
        SessionRequest opening = request;
        request = null;
        // Reading starts even after a rejection: the peer's answer to our close frame must still be read.
        client.open(opening, () -> { });
        ByteBuffer early = sentWithHandshake;
        sentWithHandshake = null;
        if (early == null || parse(early)) {
            fillInterested();
        }
    }

    /** Asks the client for a pong: what else the session sends waits for its welcome, a ping does not. */
    void ping() {
        session.ping();
    }

    @Override
    public void onFillable() {
        RetainableByteBuffer network = buffers.acquire(getInputBufferSize(), true);
        try {
            ByteBuffer buffer = network.getByteBuffer();
            while (true) {
                BufferUtil.clear(buffer);
                int filled = getEndPoint().fill(buffer);
                if (filled < 0) {
                    getEndPoint().close(); // gone without a close frame: reported as 1006
                    return;
                }
                if (filled == 0) {
                    fillInterested();
                    return;
                }
                if (!discarding && !parse(buffer)) {
                    return;
                }
                if (filled < buffer.capacity()) {
                    // The socket is most likely empty: the selector (level-triggered) says so for nothing, where
                    // another read would find out with a system call.
                    fillInterested();
                    return;
                }
            }
        } catch (IOException e) {
            getEndPoint().close(e);
        } finally {
            network.release();
        }
    }

    /**
     * Handles every frame in the buffer; false when reading is to stop (the peer closed, or a pong waits). Reading
     * goes on while this side closes: RFC 6455 section 7.1.1 has it read until the peer's close frame.
     */
    private boolean parse(ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                Frame.Parsed frame = parser.parse(buffer);
                if (frame == null) {
                    break;
                }
                try {
                    if (!onFrame(frame)) {
                        return discarding;
                    }
                } finally {
                    frame.close();
                }
            }
            // A frame whose header announces more than the limit is refused before its payload arrives.
            if (messages.exceedsLimit(parser.getPayloadLength())) {
                fail(CloseReason.TOO_BIG);
                return true;
            }
        } catch (MessageTooLargeException e) {
            fail(CloseReason.TOO_BIG); // a length beyond 2^31
            return true;
        } catch (WebSocketException e) {
            // Jetty's parser, a close frame's bad code or reason, or frames out of sequence (TextMessages)
            fail(CloseReason.PROTOCOL_ERROR);
            return true;
        } catch (RuntimeException e) {
            // Ours to answer, without the exception's text on the wire.
            LOG.log(System.Logger.Level.WARNING, "reading a frame of session " + session.id() + " failed", e);
            fail(CloseReason.SERVER_ERROR);
            return true;
        }
        synchronized (this) {
            readPaused = pongPending;
            return !readPaused;
        }
    }

    /** The stream cannot be parsed past this point: close with the reason, and drop whatever else comes. */
    private void fail(CloseReason reason) {
        discarding = true;
        session.fail(reason);
    }

    private boolean onFrame(Frame.Parsed frame) {
        if (!frame.isMasked() || frame.isRsv1() || frame.isRsv2() || frame.isRsv3()) {
            fail(CloseReason.PROTOCOL_ERROR); // RFC 6455: a client masks every frame; no extension is on
            return false;
        }
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.CLOSE) {
            reportClosed(frame.getCloseStatus().getCode());
            session.closeReceived(frame.getCloseStatus());
            return false;
        }
        if (!session.accepting()) {
            return true; // closing: what the client still sends is dropped until its close frame, or the grace ends
        }
        switch (opCode) {
            case OpCode.PING -> {
                // The next read waits for the pong: a client that pings without reading stalls in its own
                // socket instead of queueing pongs in our memory.
                client.onHeartbeat();
                synchronized (this) {
                    pongPending = true;
                }
                session.pong(frame.getPayload());
            }
            case OpCode.PONG -> client.onHeartbeat();
            default -> {
                String text = messages.accept(frame);
                if (text != null) {
                    client.onText(text);
                }
            }
        }
        return true;
    }

    private void pongWritten() {
        boolean resume;
        synchronized (this) {
            pongPending = false;
            resume = readPaused;
            readPaused = false;
        }
        if (resume) {
            fillInterested();
        }
    }

    /** Tells the session it is closed, once: with the peer's close code, or 1006 when none came. */
    private void reportClosed(int code) {
        synchronized (this) {
            if (reported) {
                return;
            }
            reported = true;
        }
        client.onClosed(code);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        session.ended();
        reportClosed(CloseStatus.NO_CLOSE);
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        getEndPoint().close(timeout); // the idle backstop: the sweeper (4005) and CloseGrace act long before
        return false;
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        getEndPoint().close(cause);
    }
}
