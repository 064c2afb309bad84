package io.tidings.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor under the bench's figures: a single-threaded NIO server that does only the system calls the bench's
 * traffic needs (one read per request or frame, one write per delivery and per answer) and nothing else: no
 * authentication, no JSON, no limits, no Jetty. What it costs per operation is what the JVM and this machine's
 * kernel cost before any server work, so a figure of Tidings' can be read against it. It is not a server: it
 * trusts its input, keeps no order under back-pressure beyond one pending buffer per socket, and serves only
 * the bench. {@code scripts/bench floor-server [port]} starts it; measure it with {@code --url} and {@code --pid}.
 */
final class FloorServer {
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2"
            + "\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Map<String, Peer> byUid = new HashMap<>();
    private final List<Peer> sockets = new ArrayList<>();
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
                    Peer peer = (Peer) key.attachment();
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
            Peer peer = new Peer(channel);
            peer.key = channel.register(selector, SelectionKey.OP_READ, peer);
        }
    }

    /** One socket: HTTP requests until it upgrades, WebSocket frames after. */
    private final class Peer {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        SelectionKey key;
        ByteBuffer pending;
        boolean webSocket;

        Peer(SocketChannel channel) {
            this.channel = channel;
        }

        void readable() throws IOException {
            if (channel.read(in) < 0) {
                close();
                return;
            }
            in.flip();
            while (webSocket ? frame() : request()) {
                // one message handled; look for the next
            }
            in.compact();
        }

        /** One whole HTTP request from {@code in}, or false when it has not all arrived. */
        private boolean request() throws IOException {
            String text = new String(in.array(), in.position(), in.remaining(), StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return false;
            }
            String head = text.substring(0, headEnd);
            int length = (int) header(head, "content-length", 0);
            if (text.length() < headEnd + 4 + length) {
                return false;
            }
            in.position(in.position() + headEnd + 4 + length);
            if (head.startsWith("GET")) {
                upgrade(head);
                return true;
            }
            String body = text.substring(headEnd + 4, headEnd + 4 + length);
            if (body.contains("\"all\":true")) {
                broadcast(body.getBytes(StandardCharsets.UTF_8));
            } else {
                send(byUid.get(field(body, "\"uid\":\"")), body.getBytes(StandardCharsets.UTF_8));
            }
            write(OK, 0, OK.length);
            return true;
        }

        private void upgrade(String head) throws IOException {
            String target = head.substring(4, head.indexOf(' ', 4));
            String uid = field(target, "uid=");
            byte[] answer = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptValue(headerText(head, "sec-websocket-key")) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            write(answer, 0, answer.length);
            webSocket = true;
            byUid.put(uid, this);
            sockets.add(this);
        }

        /** One whole client frame from {@code in}, or false when it has not all arrived. */
        private boolean frame() throws IOException {
            int start = in.position();
            if (in.remaining() < 6) {
                return false;
            }
            int opcode = in.get(start) & 0x0f;
            int length = in.get(start + 1) & 0x7f;
            int header = 6;
            if (length == 126) {
                length = in.getShort(start + 2) & 0xffff;
                header = 8;
            } else if (length == 127) {
                throw new IOException("frame too large for the floor server");
            }
            if (in.remaining() < header + length) {
                return false;
            }
            byte[] payload = new byte[length];
            byte[] data = in.array();
            int maskAt = in.arrayOffset() + start + header - 4;
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (data[maskAt + 4 + i] ^ data[maskAt + (i & 3)]);
            }
            in.position(start + header + length);
            if (opcode == Frames.CLOSE) {
                close();
                return false;
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            if (opcode == Frames.TEXT && text.contains("\"toUid\":\"")) {
                send(byUid.get(field(text, "\"toUid\":\"")), payload);
            }
            return true;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            if (pending != null) {
                ByteBuffer grown = ByteBuffer.allocate(pending.remaining() + length);
                grown.put(pending).put(bytes, offset, length).flip();
                pending = grown;
                return;
            }
            out.clear();
            out.put(bytes, offset, length).flip();
            channel.write(out);
            if (out.hasRemaining()) {
                pending = ByteBuffer.allocate(out.remaining()).put(out).flip();
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        void flushPending() throws IOException {
            out.clear();
            out.put(pending).flip();
            channel.write(out);
            pending = out.hasRemaining() ? ByteBuffer.allocate(out.remaining()).put(out).flip() : null;
            if (pending == null) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        void close() {
            key.cancel();
            sockets.remove(this);
            try {
                channel.close();
            } catch (IOException e) {
                // gone either way
            }
        }
    }

    private void send(Peer peer, byte[] payload) throws IOException {
        if (peer != null) {
            byte[] frame = textFrame(payload);
            peer.write(frame, 0, frame.length);
        }
    }

    private void broadcast(byte[] payload) throws IOException {
        byte[] frame = textFrame(payload);
        for (Peer peer : List.copyOf(sockets)) {
            try {
                peer.write(frame, 0, frame.length);
            } catch (IOException e) {
                peer.close();
            }
        }
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

    private static String field(String text, String prefix) {
        int at = text.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int to = from;
        while (to < text.length() && "\"& ".indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return text.substring(from, to);
    }

    private static long header(String head, String name, long otherwise) {
        String value = headerText(head, name);
        return value == null ? otherwise : Long.parseLong(value);
    }

    private static String headerText(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
