package io.tidings.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every limit has its documented answer on the socket, and stays within it for well-behaved clients. */
class LimitsTest {

    @Test
    void aSessionSendingEventsFasterThanItsAllowanceIsClosedRateLimited() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_EVENT_RATE", "5", "TIDINGS_EVENT_BURST", "5"));
             WsClient flooder = WsClient.connect(server.wsFor("1"));
             WsClient polite = WsClient.connect(server.wsFor("2"))) {
            for (int i = 0; i < 5; i++) {
                polite.send("{\"event\":\"ping\"}");
                assertEquals("pong", polite.nextJson().getString("event"));
            }
            for (int i = 0; i < 50 && flooder.isOpen(); i++) {
                flooder.send("{\"event\":\"ping\"}");
            }
            flooder.assertClosedWith(4009, "rate limited");
            assertTrue(polite.isOpen(), "the polite client is not affected");
        }
    }

    @Test
    void theAllPolicyCapsSessionsPerUid() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_SESSION_POLICY", "all",
                "TIDINGS_MAX_SESSIONS_PER_UID", "2"));
             WsClient first = WsClient.connect(server.wsFor("3"));
             WsClient second = WsClient.connect(server.wsFor("3"))) {
            ping(first);
            ping(second);
            try (WsClient third = WsClient.connect(server.wsFor("3"))) {
                first.assertClosedWith(4002, "uid exists");
                ping(third);
                assertTrue(second.isOpen());
                assertEquals(2, server.tidings().hub().sessions("3").size());
            }
        }
    }

    @Test
    void connectionsBeyondTheTotalCapAreClosedTryAgainLater() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_MAX_CONNECTIONS", "2"));
             WsClient a = WsClient.connect(server.wsFor("4"));
             WsClient b = WsClient.connect(server.wsFor("5"))) {
            ping(a);
            ping(b);
            WsClient.connect(server.wsFor("6")).assertClosedWith(1013, "try again later");
            a.close();
            awaitOpenConnections(server, 1);
            try (WsClient c = WsClient.connect(server.wsFor("6"))) {
                ping(c);
            }
        }
    }

    @Test
    void connectionsBeyondThePerAddressCapAreClosedTryAgainLater() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_MAX_CONNECTIONS_PER_ADDRESS", "1"));
             WsClient a = WsClient.connect(server.wsFor("7"))) {
            ping(a);
            WsClient.connect(server.wsFor("8")).assertClosedWith(1013, "try again later");
        }
    }

    @Test
    void handshakesBeyondTheRateAreClosedTryAgainLater() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_HANDSHAKE_RATE", "1"));
             WsClient a = WsClient.connect(server.wsFor("9"))) {
            ping(a);
            WsClient.connect(server.wsFor("10")).assertClosedWith(1013, "try again later");
        }
    }

    @Test
    void framesNestedDeeperThanTheLimitOrWithDuplicateKeysCloseDataFormatInvalid() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_MAX_JSON_DEPTH", "4"))) {
            try (WsClient shallow = WsClient.connect(server.wsFor("11"))) {
                shallow.send("{\"event\":\"ping\",\"a\":{\"b\":{\"c\":1}}}");
                assertEquals("pong", shallow.nextJson().getString("event"));
            }
            try (WsClient deep = WsClient.connect(server.wsFor("12"))) {
                deep.send("{\"event\":\"ping\",\"a\":" + "[".repeat(50) + "]".repeat(50) + "}");
                deep.assertClosedWith(4003, "data format invalid");
            }
            try (WsClient twice = WsClient.connect(server.wsFor("13"))) {
                twice.send("{\"event\":\"ping\",\"event\":\"alertTip\"}");
                twice.assertClosedWith(4003, "data format invalid");
            }
        }
    }

    static void ping(WsClient client) throws Exception {
        client.send("{\"event\":\"ping\"}");
        assertEquals("pong", client.nextJson().getString("event"));
    }

    static void awaitOpenConnections(TestServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (server.tidings().admission().open() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.tidings().admission().open());
    }
}
