package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-site WebSocket hijacking: a page from an origin not on the allow-list is refused at the handshake. */
class OriginCheckTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_ALLOWED_ORIGINS", "https://app.example.com, http://localhost:*"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String status(String... headers) throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.wsFor("1"), 0, headers)) {
            return socket.handshakeStatus();
        }
    }

    @Test
    void listedOriginsAndNonBrowserClientsAreUpgraded() throws Exception {
        assertTrue(status("Origin: https://app.example.com").contains(" 101 "));
        assertTrue(status("Origin: http://localhost:3000").contains(" 101 "));
        assertTrue(status().contains(" 101 "), "no Origin header: not a browser page");
    }

    @Test
    void otherOriginsAreRefusedWith403() throws Exception {
        assertTrue(status("Origin: https://evil.example").contains(" 403 "));
        assertTrue(status("Origin: https://app.example.com.evil.example").contains(" 403 "));
        assertTrue(status("Origin: null").contains(" 403 "));
    }
}
