package io.tidings.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket session of the load client over a plain non-blocking socket: a few hundred bytes of state, so
 * tens of thousands fit in a small client. All methods but {@link #expected} and the volatile getters run on
 * the owning {@link ClientLoop}'s thread. Inbound messages are counted by their {@link Marker} sequence in a bit
 * set, which finds both losses and duplicates.
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

    private ClientLoop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private volatile int state = NEW;
    private long connectStarted;
    private ByteBuffer leftover;
    private ByteBuffer pendingOut;
    private InboundMessages inbound;
    private BitSet seen;
    private volatile int distinct;

    BenchSession(int index, String uid, String token) {
        this.index = index;
        this.uid = uid;
        this.token = token;
    }

    boolean isOpen() {
        return state == OPEN;
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
        return distinct;
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
                    target.path() + "?uid=" + uid + "&token=" + token, target.offerDeflate())));
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
                    count(inbound.array(), inbound.offset(), inbound.length(), now);
                }
            }
            case Frames.CLOSE -> onClose(length >= 2 ? ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff) : 1005);
            case Frames.PING -> write(Frames.PONG, data, offset, length);
            case Frames.PONG -> {
            }
            default -> fail("protocol: opcode " + opcode);
        }
    }

    private void count(byte[] message, int offset, int length, long now) {
        LoopStats stats = loop.stats();
        long[] parsed = loop.markerScratch();
        if (!Marker.parse(message, offset, length, parsed)) {
            stats.unmarked++;
            return;
        }
        int seq = (int) parsed[0];
        if (seen == null) {
            seen = new BitSet();
        }
        if (seen.get(seq)) {
            stats.duplicates++;
            return;
        }
        seen.set(seq);
        distinct++;
        stats.received++;
        stats.latency.record(now - parsed[1]);
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
        if (pendingOut != null) {
            pendingOut = append(pendingOut, out);
            return;
        }
        try {
            channel.write(out);
        } catch (IOException e) {
            fail("io: " + e.getMessage());
            return;
        }
        if (out.hasRemaining()) {
            pendingOut = append(null, out);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    void onWritable() {
        try {
            channel.write(pendingOut);
        } catch (IOException e) {
            fail("io: " + e.getMessage());
            return;
        }
        if (!pendingOut.hasRemaining()) {
            pendingOut = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private static ByteBuffer append(ByteBuffer pending, ByteBuffer more) {
        int before = pending == null ? 0 : pending.remaining();
        ByteBuffer joined = ByteBuffer.allocate(before + more.remaining());
        if (pending != null) {
            joined.put(pending);
        }
        joined.put(more).flip();
        return joined;
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
        pendingOut = null;
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
