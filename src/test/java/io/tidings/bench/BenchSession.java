package io.tidings.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket session of the load client over a plain non-blocking socket: a few hundred bytes of state, so
 * tens of thousands fit in a small client. All methods but {@link #expected} and the volatile getters run on
 * the owning {@link ClientLoop}'s thread. Inbound messages are counted in its {@link Receipts}.
 */
final class BenchSession {
    private static final int NEW = 0;
    private static final int CONNECTING = 1;
    private static final int HANDSHAKE = 2;
    private static final int OPEN = 3;
    private static final int CLOSING = 4;
    private static final int CLOSED = 5;

    final int index;
    final String uid;
    private final String token;
    /** Messages addressed to this session so far: the next sequence number a sender hands out. */
    final AtomicInteger expected = new AtomicInteger();

    /** Where this session connects when not to its loop's target (a cluster's nodes); set before connecting. */
    private WsTarget target;
    /** Appended to the handshake's query (a resume's {@code &since=S&epoch=E}); empty by default. */
    private String query = "";
    /** Set by a cluster bench: the session follows its position in its own stream and notes its resume. */
    private ResumePosition position;
    private ClientLoop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private volatile int state = NEW;
    private long connectStarted;
    private ByteBuffer leftover;
    private final Outbox outbox = new Outbox();
    private final Receipts receipts = new Receipts();
    private InboundMessages inbound;

    BenchSession(int index, String uid, String token) {
        this.index = index;
        this.uid = uid;
        this.token = token;
    }

    boolean isOpen() {
        return state == OPEN;
    }

    /** Connects to this target rather than the loop's; with a query suffix (a resume) and a position to follow. */
    BenchSession toTarget(WsTarget where, String querySuffix, ResumePosition follow) {
        this.target = where;
        this.query = querySuffix;
        this.position = follow;
        return this;
    }

    /** The target this session connects to. */
    WsTarget targetOr(WsTarget loopTarget) {
        return target != null ? target : loopTarget;
    }

    /** The position this session follows, or null. */
    ResumePosition position() {
        return position;
    }

    boolean isPending() {
        int now = state;
        return now == CONNECTING || now == HANDSHAKE;
    }

    boolean isDone() {
        return state == CLOSED;
    }

    long connectStarted() {
        return connectStarted;
    }

    /** Distinct counted messages received. */
    int distinct() {
        return receipts.distinct();
    }

    void connect(ClientLoop owner, WsTarget target, InetAddress source) {
        loop = owner;
        state = CONNECTING;
        connectStarted = System.nanoTime();
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                channel.bind(new InetSocketAddress(source, 0));
            }
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            if (channel.connect(target.address())) {
                onConnectable(target);
            }
        } catch (IOException | RuntimeException e) {
            fail("connect: " + e.getMessage());
        }
    }

    void onConnectable(WsTarget target) {
        try {
            if (!channel.finishConnect()) {
                return;
            }
            state = HANDSHAKE;
            key.interestOps(SelectionKey.OP_READ);
            writeRaw(ByteBuffer.wrap(Handshake.request(target.hostHeader(),
                    target.path() + "?uid=" + uid + "&token=" + token + query, target.offerDeflate())));
        } catch (IOException | RuntimeException e) {
            fail("connect: " + e.getMessage());
        }
    }

    void onReadable(ByteBuffer buffer) {
        buffer.clear();
        if (leftover != null) {
            buffer.put(leftover);
            leftover = null;
        }
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            fail("io: " + e.getMessage());
            return;
        }
        long now = System.nanoTime();
        buffer.flip();
        if (read < 0) {
            fail(state == CLOSING ? "closed by client" : "eof without close frame");
            return;
        }
        if (state == HANDSHAKE && !readHandshake(buffer, now)) {
            keepLeftover(buffer);
            return;
        }
        readFrames(buffer, now);
        keepLeftover(buffer);
    }

    private boolean readHandshake(ByteBuffer buffer, long now) {
        Handshake.Response response = Handshake.parse(buffer);
        if (response == null) {
            if (buffer.remaining() == buffer.capacity()) {
                fail("handshake: response head too large");
            }
            return false;
        }
        if (!response.upgraded()) {
            fail("http " + response.status());
            return false;
        }
        state = OPEN;
        inbound = new InboundMessages(response.deflate(), response.serverNoContextTakeover());
        loop.stats().connect.record(now - connectStarted);
        loop.stats().opened++;
        if (response.deflate()) {
            loop.stats().deflateNegotiated++;
        }
        return true;
    }

    private void readFrames(ByteBuffer buffer, long now) {
        byte[] data = buffer.array();
        while (state == OPEN || state == CLOSING) {
            int at = buffer.position();
            int available = buffer.remaining();
            if (available < 2) {
                return;
            }
            int b0 = data[at] & 0xff;
            int b1 = data[at + 1] & 0xff;
            long length = b1 & 0x7f;
            int header = 2;
            if (length == 126) {
                if (available < 4) {
                    return;
                }
                length = ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (available < 10) {
                    return;
                }
                length = buffer.getLong(at + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0 || length < 0 || length > buffer.capacity() - header) {
                fail("protocol: masked or oversized server frame");
                return;
            }
            if (available < header + length) {
                return;
            }
            buffer.position(at + header + (int) length);
            onFrame(b0, data, at + header, (int) length, now);
        }
    }

    private void onFrame(int b0, byte[] data, int offset, int length, long now) {
        int opcode = b0 & 0x0f;
        switch (opcode) {
            case Frames.TEXT, Frames.BINARY, Frames.CONTINUATION -> {
                int result = inbound.frame(opcode, (b0 & 0x80) != 0, (b0 & 0x40) != 0, data, offset, length, loop);
                if (result == InboundMessages.ERROR) {
                    fail("protocol: bad fragment or compressed data");
                } else if (result == InboundMessages.COMPLETE) {
                    if (position != null) {
                        position.follow(inbound.array(), inbound.offset(), inbound.length());
                    }
                    receipts.count(inbound.array(), inbound.offset(), inbound.length(), now, loop.stats(),
                            loop.markerScratch());
                }
            }
            case Frames.CLOSE -> onClose(length >= 2 ? ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff) : 1005);
            case Frames.PING -> write(Frames.PONG, data, offset, length);
            case Frames.PONG -> {
            }
            default -> fail("protocol: opcode " + opcode);
        }
    }

    private void onClose(int code) {
        if (state == CLOSING) {
            finish("closed by client", false);
            return;
        }
        write(Frames.CLOSE, Frames.closePayload(code == 1005 ? 1000 : code), 0, 2);
        finish(Integer.toString(code), false);
    }

    /** Sends one text frame, queueing what the socket does not take at once. */
    void sendText(String text) {
        if (state != OPEN) {
            return;
        }
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        write(Frames.TEXT, payload, 0, payload.length);
        loop.stats().sent++;
    }

    /** Starts a normal close (1000); the session ends when the server answers or the socket closes. */
    void close() {
        if (state == OPEN) {
            write(Frames.CLOSE, Frames.closePayload(1000), 0, 2);
            state = CLOSING;
        } else if (state != CLOSED) {
            abort();
        }
    }

    /** Drops the connection at once, with no close handshake. */
    void abort() {
        if (state != CLOSED && state != NEW) {
            finish("aborted by client", isPending());
        }
    }

    private void write(int opcode, byte[] payload, int offset, int length) {
        ByteBuffer out = loop.writeScratch(Frames.MAX_HEADER + length);
        Frames.encode(out, opcode, payload, offset, length);
        out.flip();
        writeRaw(out);
    }

    private void writeRaw(ByteBuffer out) {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            outbox.write(channel, key, out);
        } catch (IOException e) {
            fail("io: " + e.getMessage());
        }
    }

    void onWritable() {
        try {
            outbox.flush(channel, key);
        } catch (IOException e) {
            fail("io: " + e.getMessage());
        }
    }

    private void keepLeftover(ByteBuffer buffer) {
        if (buffer.hasRemaining() && state != CLOSED) {
            leftover = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
        }
    }

    void fail(String why) {
        finish(why, isPending() || state == NEW);
    }

    private void finish(String why, boolean neverOpened) {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        LoopStats stats = loop.stats();
        if (neverOpened) {
            stats.failed++;
        } else {
            stats.closed++;
        }
        stats.ended(why);
        leftover = null;
        outbox.clear();
        if (inbound != null) {
            inbound.release();
            inbound = null;
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
