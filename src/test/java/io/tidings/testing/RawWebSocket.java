package io.tidings.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain socket, for what a library client will not do: stop reading (a slow
 * consumer), or send exactly the bytes a test wants. Server frames are read one by one.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeStatus;
    private final String handshakeHeaders;

    /** A received frame: its opcode and payload. For a close frame, {@link #closeCode()} and the reason text. */
    private boolean textSeen;
    private String welcome;

    public record Frame(int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String text() {
            int skip = opcode == 8 ? Math.min(2, payload.length) : 0;
            return new String(payload, skip, payload.length - skip, StandardCharsets.UTF_8);
        }
    }

    private RawWebSocket(Socket socket, String handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        int end = handshake.indexOf("\r\n");
        this.handshakeStatus = end < 0 ? handshake : handshake.substring(0, end);
        this.handshakeHeaders = handshake;
    }

    /** Opens and upgrades; receiveBuffer (bytes, 0 = default) small makes a non-reading client stall sooner. */
    public static RawWebSocket connect(URI uri, int receiveBuffer, String... extraHeaders) throws IOException {
        return connect(uri, receiveBuffer, new byte[0], extraHeaders);
    }

    /** Opens and upgrades, with {@code early} bytes (frames) sent in the same write as the handshake request. */
    public static RawWebSocket connect(URI uri, int receiveBuffer, byte[] early, String... extraHeaders)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(upgradeRequest(uri, extraHeaders));
        bytes.write(early);
        socket.getOutputStream().write(bytes.toByteArray());
        String status = readHeaders(socket.getInputStream());
        return new RawWebSocket(socket, status);
    }

    /**
     * Sends an upgrade request and answers what the first read of its answer returns: the bytes that arrived
     * together (one write of the server's, on loopback), at most 64 KiB.
     */
    public static byte[] firstArrival(URI uri) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            socket.getOutputStream().write(upgradeRequest(uri));
            byte[] buffer = new byte[1 << 16];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? new byte[0] : Arrays.copyOf(buffer, read);
        }
    }

    private static byte[] upgradeRequest(URI uri, String... extraHeaders) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The status line and headers the server answers an upgrade request with: GET, Host, Upgrade and Connection,
     * then exactly the given headers (a key or a version of the test's choosing, or none).
     */
    public static String handshakeAnswer(URI uri, String... headers) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + String.join("", Arrays.stream(headers).map(header -> header + "\r\n").toList())
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readHeaders(socket.getInputStream());
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** The HTTP status line of the upgrade answer, e.g. "HTTP/1.1 101 Switching Protocols". */
    public String handshakeStatus() {
        return handshakeStatus;
    }

    /** The whole upgrade answer: status line and headers, lower-cased for easy searching. */
    public String handshakeHeaders() {
        return handshakeHeaders.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The next frame, which must be a whole one (FIN set): a fragment fails the read. A welcome (the inbox's
     * first frame of every session) is kept apart: {@link #welcome()}.
     */
    public Frame readFrame() throws IOException {
        Frame frame = nextFrame(false);
        if (!textSeen && frame.opcode() == 1) {
            textSeen = true;
            if (frame.text().startsWith("{\"event\":\"welcome\"")) {
                welcome = frame.text();
                return nextFrame(false);
            }
        }
        return frame;
    }

    /** The welcome frame, once {@link #readFrame} has passed it (null before, and without an inbox). */
    public String welcome() {
        return welcome;
    }

    /** The next frame as it comes: a fragment (FIN clear) too, a welcome too. */
    public Frame readAnyFrame() throws IOException {
        return nextFrame(true);
    }

    private Frame nextFrame(boolean fragmentsToo) throws IOException {
        int first = in.readUnsignedByte();
        if ((first & 0x80) == 0 && !fragmentsToo) {
            throw new IOException("a fragment (FIN clear), opcode " + (first & 0x0f));
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /**
     * Reads (and drops) frames, fragments too, until the close frame, which it returns. Waits up to 30 s for each
     * read: behind megabytes of backlog on a busy machine the close frame can take a while.
     */
    public Frame readUntilClose() throws IOException {
        return readUntilClose(Duration.ofSeconds(30));
    }

    /** {@link #readUntilClose()}, waiting at most {@code perRead} for each read. */
    public Frame readUntilClose(Duration perRead) throws IOException {
        socket.setSoTimeout((int) perRead.toMillis());
        while (true) {
            Frame frame = nextFrame(true);
            if (frame.opcode() == 8) {
                return frame;
            }
        }
    }

    /** Answers the server's close frame with the same code, as RFC 6455 asks a client to. */
    public void answerClose(Frame close) throws IOException {
        sendFrame(8, Arrays.copyOf(close.payload(), Math.min(2, close.payload().length)));
    }

    /**
     * Reads (and drops) whatever still comes until the server ends the connection; true when it ended it with a
     * FIN, false on a reset.
     */
    public boolean awaitEnd() throws IOException {
        try {
            while (in.read() >= 0) {
                // drop
            }
            return true;
        } catch (java.net.SocketException reset) {
            return false;
        }
    }

    /** Sends one masked frame with the given opcode (1 text, 2 binary, 9 ping, 10 pong). */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    /** One frame of a fragmented message: opcode 1 or 2 first, then 0 (continuation); fin on the last. */
    public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        sendRaw(frame((fin ? 0x80 : 0) | opcode, payload, true));
    }

    /** Bytes as they are, e.g. a frame that breaks the protocol. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A frame: its first byte (FIN, RSV bits, opcode) as given, masked or not as a client should never send. */
    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        int maskBit = masked ? 0x80 : 0;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    public void sendText(String text) throws IOException {
        sendFrame(1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops the connection as a killed client's kernel does: no close frame, and a reset (RST), not a FIN. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
