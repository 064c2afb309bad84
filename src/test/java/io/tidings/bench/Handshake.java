package io.tidings.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** The client's opening handshake: the upgrade request, and what the server's answer says. */
final class Handshake {
    /** The offer Chrome and Firefox send, so a deflate run costs what a browser costs. */
    private static final String DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

    private Handshake() {
    }

    static byte[] request(String host, String pathAndQuery, boolean offerDeflate) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: " + DEFLATE_OFFER + "\r\n" : "")
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** The parsed response head. */
    record Response(int status, boolean deflate, boolean serverNoContextTakeover) {
        boolean upgraded() {
            return status == 101;
        }
    }

    /**
     * Reads a response head from the buffer if it is complete: returns it and leaves the buffer positioned
     * after it (frames may follow at once); returns null and leaves the buffer untouched otherwise.
     */
    static Response parse(ByteBuffer buffer) {
        int start = buffer.position();
        int end = headEnd(buffer.array(), start, buffer.limit());
        if (end < 0) {
            return null;
        }
        String head = new String(buffer.array(), start, end - start, StandardCharsets.ISO_8859_1);
        buffer.position(end);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length >= 2 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : 0;
        String extensions = "";
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:")) {
                extensions += line.substring(line.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            }
        }
        return new Response(status, extensions.contains("permessage-deflate"),
                extensions.contains("server_no_context_takeover"));
    }

    private static int headEnd(byte[] data, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}
