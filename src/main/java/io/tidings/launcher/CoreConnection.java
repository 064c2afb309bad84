package io.tidings.launcher;

import io.tidings.Tidings;
import io.tidings.close.CloseReason;
import io.tidings.hub.OutboundText;
import io.tidings.session.ClientSession;
import io.tidings.session.InboundLimit;
import io.tidings.session.QueuedConnection;
import java.nio.ByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One session on Jetty's WebSocket core: its frame handler and its {@link QueuedConnection} in one object (one
 * object less per session). Jetty delivers its frames one at a time and only on demand, so the inbound side
 * needs no locking; it demands the next frame once the last one has been handled. A frame goes out as the
 * {@link OutboundText}'s shared UTF-8 bytes, and this object is the write's callback.
 */
final class CoreConnection extends QueuedConnection implements FrameHandler, Callback {
    private static final System.Logger LOG = System.getLogger(CoreConnection.class.getName());

    private final ClientSession client;
    private final TextMessages messages;
    private String uidParameter;
    private String tokenParameter;
    private CoreSession session;
    private int framesAfterClose;

    private final CloseGrace grace;

    CoreConnection(Tidings tidings, Scheduler scheduler, long serial, String address, InboundLimit limit, String uid,
            String token) {
        super(serial, address, tidings.config().sendQueueBytes(), tidings.hub()::unregister);
        this.client = new ClientSession(tidings, this, limit);
        this.messages = new TextMessages(client, limit);
        this.grace = new CloseGrace(scheduler, () -> session.abort());
        this.uidParameter = uid;
        this.tokenParameter = token;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        callback.succeeded();
        String uid = uidParameter;
        String token = tokenParameter;
        uidParameter = null;
        tokenParameter = null;
        // Jetty reads nothing before the demand below, which comes also after a rejection: the peer's close
        // frame must still be read to finish the handshake.
        client.open(uid, token, () -> { });
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opCode = frame.getOpCode();
        if (opCode == OpCode.CLOSE) {
            callback.succeeded(); // Jetty answers the close itself
            return;
        }
        if (!isOpen()) {
            // Closing: what the client still sends is dropped while we wait for its close frame, but a client
            // that keeps talking instead of closing loses the connection (and its admission slot) soon.
            callback.succeeded();
            if (++framesAfterClose > CloseGrace.FRAMES) {
                session.abort();
            } else {
                session.demand();
            }
            return;
        }
        if (opCode == OpCode.PING) {
            // The next frame is read only once the pong is out: a ping flood from a client that does not read
            // waits in its own socket instead of queueing pongs in our memory.
            client.onHeartbeat();
            ByteBuffer payload = BufferUtil.copy(frame.getPayload());
            callback.succeeded();
            session.sendFrame(new Frame(OpCode.PONG, payload),
                    Callback.from(session::demand, failed -> session.demand()), false);
            return;
        }
        String message = null;
        try {
            switch (opCode) {
                case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> message = messages.accept(frame);
                case OpCode.PONG -> client.onHeartbeat();
                default -> client.onMalformed();
            }
        } catch (RuntimeException e) {
            // Ours to answer (1011 through the one close path), not Jetty's, which would send the exception text.
            LOG.log(System.Logger.Level.WARNING, "reading a frame of session " + id() + " failed", e);
            close(CloseReason.SERVER_ERROR);
        }
        callback.succeeded(); // the payload's buffer is Jetty's again from here on
        if (message != null) {
            client.onText(message);
        }
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        // No request URI here: it carries the token.
        LOG.log(System.Logger.Level.DEBUG, "session {0}: {1}", id(), cause.toString());
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        grace.ended();
        client.onClosed(closeStatus.getCode());
        callback.succeeded();
    }

    @Override
    protected void write(OutboundText frame) {
        session.sendFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(frame.utf8())), this, false);
    }

    /** The frame {@link #write} started went out. */
    @Override
    public void succeeded() {
        written(true);
    }

    @Override
    public void failed(Throwable cause) {
        written(false);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING; // written() never blocks, so Jetty may call it on its selector
    }

    @Override
    protected void closeTransport(CloseReason reason) {
        // Jetty waits for the peer's answer after a 4xxx code; the session (with its admission slot) would
        // otherwise linger until the idle backstop, or for good with a peer that trickles bytes.
        grace.start();
        // Asynchronous in Jetty core: queued behind a frame in flight, never blocking the caller.
        session.close(reason.code(), reason.text(), Callback.NOOP);
    }
}
