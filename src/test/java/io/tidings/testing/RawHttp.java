package io.tidings.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP/1.1 over a plain socket, for requests a library client will not make exactly as a test needs. */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * POSTs headers announcing a body of the given length with Expect: 100-continue, sends no body, and returns
     * the server's answer (which must then be final, not 100).
     */
    public static ApiClient.Reply postHeadersOnly(URI base, String path, String apiKey, long contentLength)
            throws IOException {
        try (Connection http = new Connection(base)) {
            return http.write(Connection.postHead(path, apiKey,
                    "Expect: 100-continue\r\nContent-Length: " + contentLength + "\r\n")).reply();
        }
    }

    /** A keep-alive connection for requests written byte by byte as the test needs, answers read one by one. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;

        public Connection(URI base) throws IOException {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            in = socket.getInputStream();
        }

        /** The start of a POST with the API key, up to and including the blank line. */
        public static String postHead(String path, String extraHeaders) {
            return postHead(path, TestServer.API_KEY, extraHeaders);
        }

        public static String postHead(String path, String apiKey, String extraHeaders) {
            return "POST /" + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + apiKey
                    + "\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n";
        }

        public Connection write(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return this;
        }

        /** True when nothing arrives for the given time (a byte that does arrive is consumed). */
        public boolean silentFor(Duration quiet) throws IOException {
            socket.setSoTimeout((int) quiet.toMillis());
            try {
                in.read(); // a byte, or the end of the stream: either way not silent
                return false;
            } catch (SocketTimeoutException expected) {
                return true;
            } finally {
                socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            }
        }

        /** The next answer's status line and headers only, e.g. a 100 Continue. */
        public String head() throws IOException {
            return readHead(in);
        }

        public ApiClient.Reply reply() throws IOException {
            return read(in);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static ApiClient.Reply read(InputStream in) throws IOException {
        String[] head = readHead(in).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).trim(), List.of(head[i].substring(colon + 1).trim()));
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new ApiClient.Reply(status, HttpHeaders.of(headers, (name, value) -> true), body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's headers ended: " + head.toString(
                        StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
