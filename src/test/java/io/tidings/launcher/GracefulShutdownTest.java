package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.LauncherProcess;
import io.tidings.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM: sessions are closed 1001, an API request already in flight still completes, and the process exits
 * within a bounded time.
 */
class GracefulShutdownTest {
    @TempDir
    Path dataDir;

    static final String KEY = "graceful-key-0123456789abcdef012345";
    static final String API_KEY = "graceful-api-key-0123456789";

    @Test
    void sigtermClosesSessionsFinishesInFlightRequestsAndExits() throws Exception {
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", KEY, "TIDINGS_API_KEY", API_KEY,
                "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1", "TIDINGS_DATA_DIR", dataDir.toString()))) {
            int port = launcher.awaitPort(Duration.ofSeconds(60));
            WsClient session = WsClient.connectOnline(URI.create("ws://127.0.0.1:" + port + "/ws?uid=1&token="
                    + io.tidings.auth.LegacyToken.issue("1", KEY)));
            String body = "{\"uid\":\"1\",\"event\":\"bye\",\"data\":{}}";
            try (Socket http = new Socket()) {
                http.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                http.setSoTimeout(20_000);
                OutputStream out = http.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8));
                out.write(("POST /api/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + API_KEY
                        + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                        + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // 100 Continue comes when the server starts reading the body: the request is now in flight.
                assertTrue(in.readLine().contains(" 100 "), "request reached the server");
                in.readLine();

                launcher.signalTerm();
                assertEquals("1001 server shutting down", WsClient.describe(session.awaitClose()));
                awaitRefusingConnections(port);

                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = in.readLine();
                assertTrue(status != null && status.contains(" 200 "), "in-flight request completed: " + status);
            }
            int exit = launcher.awaitExit(Duration.ofSeconds(20));
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + "\n" + launcher.output());
        }
    }

    /** Polls (bounded) until the server no longer accepts connections: shutdown has reached the connectors. */
    static void awaitRefusingConnections(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (java.io.IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still accepting connections 15 s after SIGTERM");
    }
}
