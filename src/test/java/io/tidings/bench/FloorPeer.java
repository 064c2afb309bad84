package io.tidings.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** One socket of the {@link FloorServer}: HTTP requests until it upgrades, WebSocket frames after. */
final class FloorPeer {
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2"
            + "\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final FloorServer server;
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer pending;
    private boolean webSocket;
    private String uid;
    /** Set by the server once the channel is registered. */
    SelectionKey key;

    FloorPeer(FloorServer server, SocketChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    void readable() throws IOException {
        if (!in.hasRemaining()) {
            throw new IOException("a request or frame larger than the floor server's 16 KiB buffer");
        }
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
    private boolean request() {
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
        int bodyAt = in.arrayOffset() + in.position() + headEnd + 4;
        in.position(in.position() + headEnd + 4 + length);
        if (head.startsWith("GET")) {
            upgrade(head);
            return true;
        }
        // The body's bytes as they came (the ISO-8859-1 text above is only for finding the head's end).
        byte[] body = Arrays.copyOfRange(in.array(), bodyAt, bodyAt + length);
        String json = text.substring(headEnd + 4, headEnd + 4 + length);
        if (json.contains("\"all\":true")) {
            server.broadcast(body);
        } else {
            server.send(field(json, "\"uid\":\""), body);
        }
        write(OK, 0, OK.length);
        return true;
    }

    private void upgrade(String head) {
        String target = head.substring(4, head.indexOf(' ', 4));
        String uid = field(target, "uid=");
        byte[] answer = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue(headerText(head, "sec-websocket-key")) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        write(answer, 0, answer.length);
        webSocket = true;
        this.uid = uid;
        server.upgraded(uid, this);
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
            server.send(field(text, "\"toUid\":\""), payload);
        }
        return true;
    }

    /**
     * Writes now, or after what is already pending, in order. A socket that fails is closed here: the peer
     * whose request or frame caused the write never pays for another's broken socket.
     */
    void write(byte[] bytes, int offset, int length) {
        if (!channel.isOpen()) {
            return;
        }
        if (pending != null) {
            ByteBuffer grown = ByteBuffer.allocate(pending.remaining() + length);
            grown.put(pending).put(bytes, offset, length).flip();
            pending = grown;
            return;
        }
        try {
            ByteBuffer out = server.scratch().clear();
            out.put(bytes, offset, length).flip();
            channel.write(out);
            if (out.hasRemaining()) {
                pending = ByteBuffer.allocate(out.remaining()).put(out).flip();
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            close();
        }
    }

    /** Writes what was pending, at most the direct buffer's capacity at a time. */
    void flushPending() throws IOException {
        ByteBuffer out = server.scratch().clear();
        out.put(pending.slice(pending.position(), Math.min(pending.remaining(), out.capacity()))).flip();
        int written = channel.write(out);
        pending.position(pending.position() + written);
        if (!pending.hasRemaining()) {
            pending = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void close() {
        key.cancel();
        server.closed(uid, this);
        try {
            channel.close();
        } catch (IOException e) {
            // gone either way
        }
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
