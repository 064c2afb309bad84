package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.RawHttp;
import io.tidings.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TIDINGS_REQUEST_TIMEOUT on the embedded server (2 s here, 20 s by default): request headers must arrive
 * within it once begun, however slowly their bytes trickle in, and a body that stalls for it, or ends before
 * its Content-Length, is answered with a JSON error (408, 400) and logged, never a container's exception page.
 * The real launcher, so that its log can be read.
 */
class RequestTimeoutTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static LauncherProcess launcher;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        launcher = new LauncherProcess(Map.of("TIDINGS_KEY", TestServer.KEY, "TIDINGS_API_KEY", TestServer.API_KEY,
                "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1", "TIDINGS_INBOX", "memory",
                "TIDINGS_REQUEST_TIMEOUT", Long.toString(TIMEOUT.toSeconds())));
        base = URI.create("http://127.0.0.1:" + launcher.awaitPort(Duration.ofSeconds(60)) + "/");
    }

    @AfterAll
    static void stop() {
        launcher.close();
    }

    /** Slowloris: a header byte a second, each of which resets an idle timeout, is cut off at the deadline. */
    @Test
    void headersTricklingInAByteASecondAreCutOffAtTheDeadline() throws Exception {
        byte[] request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            boolean closed = false;
            for (int i = 0; i < request.length && !closed; i++) {
                try {
                    out.write(request[i]);
                    out.flush();
                    closed = in.read() < 0; // waits the second between bytes; the end of the stream is the cut
                } catch (SocketTimeoutException stillOpen) {
                    // no answer yet: send the next byte
                } catch (IOException reset) {
                    closed = true;
                }
            }
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(closed, "the connection was still open after " + after + " of trickling");
            assertTrue(after.compareTo(TIMEOUT) >= 0, "cut off after " + after + ", before the deadline");
            assertTrue(after.compareTo(TIMEOUT.plusSeconds(4)) < 0, "cut off only after " + after);
        }
        awaitLog("whose request headers took longer than 2 s (TIDINGS_REQUEST_TIMEOUT)");
    }

    @Test
    void headersInSeveralPiecesWithinTheDeadlineAreAnswered() throws Exception {
        try (RawHttp.Connection http = new RawHttp.Connection(base)) {
            http.write("GET /healthz HT");
            Thread.sleep(300); // the pieces of a request a slow network delivers, not synchronisation
            http.write("TP/1.1\r\nHost: local");
            Thread.sleep(300);
            assertEquals(200, http.write("host\r\n\r\n").reply().status());
        }
    }

    /**
     * A client that asks for 100 Continue and then sends no body, on the push fast path (a small body) and on the
     * servlet (a body over 64 KiB): 408 with a JSON error once the body has stalled for the timeout.
     */
    @Test
    void aBodyThatNeverComesIsAnswered408() throws Exception {
        for (int length : new int[] {50, 100_000}) {
            try (RawHttp.Connection http = new RawHttp.Connection(base)) {
                http.write(RawHttp.Connection.postHead("api/push", "Expect: 100-continue\r\nContent-Length: " + length
                        + "\r\n"));
                ApiClient.Reply reply = finalReply(http);
                assertEquals(408, reply.status(), length + ": " + reply.body());
                assertEquals("request body did not arrive in time", reply.error());
            }
        }
        awaitLog("an API request body stalled before its end (answered 408)");
    }

    /** A body shorter than its Content-Length, the client's side then shut: 400 with a JSON error, on both paths. */
    @Test
    void aBodyEndingBeforeItsContentLengthIsAnswered400() throws Exception {
        for (int length : new int[] {50, 100_000}) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((RawHttp.Connection.postHead("api/push", "Content-Length: " + length
                        + "\r\n") + "{\"uid\":\"1\",").getBytes(StandardCharsets.UTF_8));
                socket.shutdownOutput();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), length + ": " + answer);
                assertTrue(answer.endsWith("{\"error\":\"request body ended before its Content-Length\"}"), answer);
            }
        }
    }

    /** The answer after any 100 Continue. */
    private static ApiClient.Reply finalReply(RawHttp.Connection http) throws IOException {
        ApiClient.Reply reply = http.reply();
        return reply.status() == 100 ? http.reply() : reply;
    }

    private static void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!launcher.output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(launcher.output().contains(text), "'" + text + "' not logged:\n" + launcher.output());
    }
}
