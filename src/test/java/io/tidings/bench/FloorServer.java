package io.tidings.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor under the bench's figures: a single-threaded NIO server that does only the system calls the bench's
 * traffic needs (one read per request or frame, one write per delivery and per answer) and nothing else: no
 * authentication, no JSON, no limits, no Jetty. What it costs per operation is what the JVM and this machine's
 * kernel cost before any server work, so a figure of Tidings' can be read against it. It is not a server: it
 * trusts its input, answers any GET with an upgrade, takes requests and frames of at most 16 KiB (a larger one
 * closes its socket), and knows only the bench's alerts, single pushes and broadcasts (not batches).
 * {@code scripts/bench floor-server [port]} starts it; measure it with {@code --url} and {@code --pid}.
 */
final class FloorServer {
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Map<String, FloorPeer> byUid = new HashMap<>();
    private final List<FloorPeer> sockets = new ArrayList<>();
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 17);
    private volatile boolean closed;

    private FloorServer(ServerSocketChannel listener, Selector selector) {
        this.listener = listener;
        this.selector = selector;
    }

    public static void main(String[] args) throws IOException {
        FloorServer server = bind(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("floor server listening on port " + server.port() + ", pid "
                + ProcessHandle.current().pid());
        server.serve();
    }

    /** Listens on 127.0.0.1 at the port (0: any free one); {@link #serve} then answers. */
    static FloorServer bind(int port) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", port), 8192);
        listener.configureBlocking(false);
        Selector selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        return new FloorServer(listener, selector);
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** The one thread's loop, until {@link #close}. */
    void serve() throws IOException {
        while (!closed) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    FloorPeer peer = (FloorPeer) key.attachment();
                    try {
                        if (key.isWritable()) {
                            peer.flushPending();
                        }
                        if (key.isValid() && key.isReadable()) {
                            peer.readable();
                        }
                    } catch (IOException | RuntimeException e) {
                        peer.close();
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    void close() {
        closed = true;
        selector.wakeup();
    }

    private void accept() throws IOException {
        for (SocketChannel channel = listener.accept(); channel != null; channel = listener.accept()) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            FloorPeer peer = new FloorPeer(this, channel);
            peer.key = channel.register(selector, SelectionKey.OP_READ, peer);
        }
    }

    /** A text frame to the uid's session, if it has one. */
    void send(String uid, byte[] payload) {
        FloorPeer peer = uid == null ? null : byUid.get(uid);
        if (peer != null) {
            byte[] frame = textFrame(payload);
            peer.write(frame, 0, frame.length);
        }
    }

    /** One text frame, framed once, to every session. */
    void broadcast(byte[] payload) {
        byte[] frame = textFrame(payload);
        for (FloorPeer peer : List.copyOf(sockets)) {
            peer.write(frame, 0, frame.length);
        }
    }

    void upgraded(String uid, FloorPeer peer) {
        byUid.put(uid, peer);
        sockets.add(peer);
    }

    void closed(String uid, FloorPeer peer) {
        sockets.remove(peer);
        if (uid != null) {
            byUid.remove(uid, peer);
        }
    }

    /** The one direct buffer every write goes through (one thread, so one buffer). */
    ByteBuffer scratch() {
        return out;
    }

    private static byte[] textFrame(byte[] payload) {
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) (0x80 | Frames.TEXT);
        if (header == 2) {
            frame[1] = (byte) payload.length;
        } else {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }
}
