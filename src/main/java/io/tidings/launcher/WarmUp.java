package io.tidings.launcher;

import io.tidings.auth.LegacyToken;
import io.tidings.config.Limits;
import io.tidings.config.Security;
import io.tidings.config.TidingsConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Readies a fresh process for a restart's reconnect storm before its port accepts anyone: a private instance on
 * a loopback port of its own, with keys of its own and nothing else (no text push port, no origin list), is sent
 * TIDINGS_WARMUP sessions the way clients arrive (upgrade, authenticate, a ping and an alertTip, the close
 * handshake), then stopped and its garbage collected. The classes are loaded and the JIT has compiled the connect
 * path by the time the real port opens, so the first storm costs what a later one does instead of several times
 * as much. Sessions go in batches held open together, as a storm holds them; one thread drives them with
 * blocking sockets (the server's work, not the client's, is what needs warming).
 */
final class WarmUp {
    private static final int BATCH = 250;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PING = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    private final int port;
    private final String key;
    private int next;

    private WarmUp(int port, String key) {
        this.port = port;
        this.key = key;
    }

    /** Runs the warm-up (bounded by the time limit); returns how many sessions went through it. */
    static int run(ServerSettings settings, TidingsConfig config, int sessions, Duration limit) throws Exception {
        String key = secret();
        ServerSettings loopback = new ServerSettings(0, "127.0.0.1", settings.webSocket(), false, 0);
        int done = 0;
        try (EmbeddedServer server = EmbeddedServer.start(loopback, privateConfig(config, key), null)) {
            WarmUp warmUp = new WarmUp(server.port(), key);
            long deadline = System.nanoTime() + limit.toNanos();
            while (done < sessions && System.nanoTime() < deadline) {
                done += warmUp.batch(Math.min(BATCH, sessions - done));
            }
        }
        System.gc(); // the private instance's garbage, before the real one starts making its own
        return done;
    }

    /**
     * A config like the real one in everything the connect path reads, with fresh keys, no text push port and no
     * connection limits. Its origin list only keeps the private instance from warning that there is none: the
     * warm-up's own sessions send no Origin, as no browser page is involved.
     */
    private static TidingsConfig privateConfig(TidingsConfig real, String key) {
        Limits limits = real.limits();
        return new TidingsConfig(key, false, real.heartbeatIdle(), real.heartbeatInterval(), real.sessionPolicy(),
                real.maxFrame(), real.sendQueueBytes(), secret(), 0, real.textPushHost(),
                new Limits(Math.max(limits.eventRate(), 10), Math.max(limits.eventBurst(), 10),
                        limits.maxSessionsPerUid(), 0, 0, 0, limits.maxJsonDepth()),
                new Security(List.of("http://127.0.0.1"), true, null, null), real.apiLimits(), real.compression());
    }

    /** Opens a batch of sessions together, has each ping and alert itself, then closes them all. */
    private int batch(int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        List<InputStream> inputs = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                String uid = "warmup-" + next++;
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                inputs.add(new BufferedInputStream(socket.getInputStream(), 512));
                socket.getOutputStream().write(upgrade(uid, LegacyToken.issue(uid, key)));
            }
            for (InputStream in : inputs) {
                readHeaders(in);
            }
            for (int i = 0; i < sockets.size(); i++) {
                String alert = "{\"event\":\"alertTip\",\"toUid\":\"warmup-" + (next - count + i)
                        + "\",\"content\":\"w\"}";
                sockets.get(i).getOutputStream().write(concat(frame(0x1, PING),
                        frame(0x1, alert.getBytes(StandardCharsets.UTF_8))));
            }
            for (int i = 0; i < sockets.size(); i++) {
                readFrame(inputs.get(i)); // pong
                readFrame(inputs.get(i)); // the alertTip
                sockets.get(i).getOutputStream().write(frame(0x8, new byte[] {0x03, (byte) 0xe8})); // close 1000
            }
            for (InputStream in : inputs) {
                readFrame(in); // the close frame's answer
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return count;
    }

    private byte[] upgrade(String uid, String token) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET /ws?uid=" + uid + "&token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        StringBuilder status = new StringBuilder();
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("warm-up: the upgrade was not answered");
            }
            if (status.length() < 12) {
                status.append((char) b);
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        if (!status.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("warm-up: the upgrade was answered " + status.toString().trim());
        }
    }

    /** Reads one unmasked server frame whole. */
    private static void readFrame(InputStream in) throws IOException {
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
        if (in.readNBytes(length).length != length) {
            throw new IOException("warm-up: the session ended early");
        }
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

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
