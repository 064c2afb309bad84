package io.tidings.launcher;

import io.tidings.auth.LegacyToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The warm-up's client ({@link WarmUp}): batches of sessions the way real clients arrive (upgrade with a legacy
 * token, the welcome where there is an inbox, a ping and an alertTip to itself, a few backend pushes through the
 * API, the close handshake), held open together as a storm holds them. One thread drives a batch with blocking sockets; what matters is the
 * server's work, not this side's. Every read is bounded by the socket timeout.
 */
final class WarmUpClient {
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int PUSHES_PER_BATCH = 25;
    private static final byte[] PING = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE_NORMAL = {0x03, (byte) 0xe8};

    private final int port;
    private final String key;
    private final String apiKey;
    private final boolean welcomed;
    private int next;

    /** @param welcomed whether the server has an inbox, and so greets each session with a welcome first */
    WarmUpClient(int port, String key, String apiKey, boolean welcomed) {
        this.port = port;
        this.key = key;
        this.apiKey = apiKey;
        this.welcomed = welcomed;
    }

    /** Opens {@code count} sessions together, has each talk, pushes to some of them, and closes them all. */
    void batch(int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        List<InputStream> inputs = new ArrayList<>(count);
        List<String> uids = new ArrayList<>(count);
        String step = "connecting";
        try {
            for (int i = 0; i < count; i++) {
                String uid = "warmup-" + next++;
                Socket socket = open();
                sockets.add(socket);
                inputs.add(new BufferedInputStream(socket.getInputStream(), 512));
                uids.add(uid);
                socket.getOutputStream().write(upgrade(uid, LegacyToken.issue(uid, key)));
            }
            step = "upgrading";
            for (int i = 0; i < count; i++) {
                expectSwitchingProtocols(inputs.get(i));
                if (welcomed) {
                    // As a client does: what is sent to a session before its welcome counts as unread, not live.
                    awaitTexts(inputs.get(i), 1);
                }
                String alert = "{\"event\":\"alertTip\",\"toUid\":\"" + uids.get(i) + "\",\"content\":\"w\"}";
                sockets.get(i).getOutputStream().write(concat(frame(0x1, PING),
                        frame(0x1, alert.getBytes(StandardCharsets.UTF_8))));
            }
            step = "pushing";
            int pushed = push(uids.subList(0, Math.min(PUSHES_PER_BATCH, count)));
            step = "reading frames";
            for (int i = 0; i < count; i++) {
                awaitTexts(inputs.get(i), i < pushed ? 3 : 2); // the pong and the alertTip (and the push)
                sockets.get(i).getOutputStream().write(frame(0x8, CLOSE_NORMAL));
            }
            step = "closing";
            for (InputStream in : inputs) {
                while (readFrame(in).opCode() != 0x8) {
                    // anything still on its way before the server's answer to the close
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("warm-up: no answer within " + TIMEOUT_MILLIS / 1000 + " s while " + step, e);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** POST /api/push to each uid over one keep-alive connection; returns how many were answered 200. */
    private int push(List<String> uids) throws IOException {
        int delivered = 0;
        try (Socket http = open()) {
            InputStream in = new BufferedInputStream(http.getInputStream(), 512);
            OutputStream out = http.getOutputStream();
            for (String uid : uids) {
                byte[] body = ("{\"uid\":\"" + uid + "\",\"event\":\"warmup\",\"data\":{}}")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("POST /api/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + apiKey
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                String head = readHead(in);
                int length = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
                if (!head.startsWith("HTTP/1.1 200") || length < 0) {
                    throw new IOException("warm-up: a push was answered " + head.lines().findFirst().orElse(""));
                }
                int end = head.indexOf('\r', length);
                in.readNBytes(Integer.parseInt(head.substring(length + 15, end).trim()));
                delivered++;
            }
        }
        return delivered;
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private byte[] upgrade(String uid, String token) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET /ws?uid=" + uid + "&token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void expectSwitchingProtocols(InputStream in) throws IOException {
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("warm-up: the upgrade was answered " + head.lines().findFirst().orElse(""));
        }
    }

    /** An HTTP response's status line and headers, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new IOException("warm-up: no whole HTTP response");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads {@code count} text frames. */
    private static void awaitTexts(InputStream in, int count) throws IOException {
        for (int seen = 0; seen < count;) {
            Frame frame = readFrame(in);
            if (frame.opCode() == 0x8) {
                throw new IOException("warm-up: a session was closed: " + frame.text());
            }
            if (frame.opCode() == 0x1) {
                seen++;
            }
        }
    }

    /** A server frame: its opcode and its payload as text. */
    private record Frame(int opCode, String text) {
    }

    /** Reads one unmasked server frame whole (the warm-up's frames are all short). */
    private static Frame readFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read();
        if (first < 0 || length < 0) {
            throw new IOException("warm-up: the session ended early");
        }
        length &= 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("warm-up: an unexpectedly large frame");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new IOException("warm-up: the session ended early");
        }
        return new Frame(first & 0x0f, new String(payload, StandardCharsets.UTF_8));
    }

    /** A client frame: final, masked (RFC 6455 requires it of clients), payload under 126 bytes. */
    private static byte[] frame(int opCode, byte[] payload) {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opCode);
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
