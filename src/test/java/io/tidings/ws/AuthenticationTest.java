package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handshake contract: who gets in, and the exact close every rejected attempt receives. */
class AuthenticationTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static void assertClosed(WsClient client, int code, String reason) throws Exception {
        CloseReason close = client.awaitClose();
        assertEquals(code + " " + reason, WsClient.describe(close));
    }

    @Test
    void legacyTokenLetsTheUidInAndPingIsAnswered() throws Exception {
        try (WsClient client = WsClient.connect(server.wsFor("100"))) {
            client.send("{\"event\":\"ping\"}");
            assertEquals("{\"event\":\"pong\"}", client.next());
        }
    }

    @Test
    void seedUrlAtTheContextRootWorksToo() throws Exception {
        String query = "uid=7&token=" + LegacyToken.issue("7", TestServer.KEY);
        try (WsClient client = WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + server.port() + "/?" + query))) {
            client.send("{\"event\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    @Test
    void missingUidOrTokenIsAccessFailed() throws Exception {
        assertClosed(WsClient.connect(server.ws(null)), 4001, "access failed");
        assertClosed(WsClient.connect(server.ws("uid=1")), 4001, "access failed");
        assertClosed(WsClient.connect(server.ws("token=" + LegacyToken.issue("1", TestServer.KEY))), 4001, "access failed");
        assertClosed(WsClient.connect(server.ws("uid=&token=")), 4001, "access failed");
    }

    @Test
    void malformedUidIsAccessFailed() throws Exception {
        String uid = "a b";
        assertClosed(WsClient.connect(server.ws("uid=" + TestServer.encode(uid) + "&token="
                + LegacyToken.issue(uid, TestServer.KEY))), 4001, "access failed");
    }

    @Test
    void wrongTokenIsTokenInvalid() throws Exception {
        assertClosed(WsClient.connect(server.ws("uid=1&token=" + LegacyToken.issue("2", TestServer.KEY))), 4001, "token invalid");
        assertClosed(WsClient.connect(server.ws("uid=1&token=" + LegacyToken.issue("1", "another-key-another-key-another-key"))), 4001, "token invalid");
        assertClosed(WsClient.connect(server.ws("uid=1&token=" + LegacyToken.issue("1", TestServer.KEY).toUpperCase())), 4001, "token invalid");
    }

    @Test
    void jwtNamesItsOwnUid() throws Exception {
        try (WsClient client = WsClient.connect(server.ws("token=" + TestServer.jwt("300", Duration.ofMinutes(5))))) {
            client.send("{\"event\":\"alertTip\",\"toUid\":300,\"content\":\"self\"}");
            JsonObject alert = client.nextJson();
            assertEquals("300", alert.getString("from"));
        }
        try (WsClient client = WsClient.connect(server.ws("uid=301&token=" + TestServer.jwt("301", Duration.ofMinutes(5))))) {
            client.send("{\"event\":\"ping\"}");
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    @Test
    void jwtForAnotherUidIsTokenInvalid() throws Exception {
        assertClosed(WsClient.connect(server.ws("uid=1&token=" + TestServer.jwt("2", Duration.ofMinutes(5)))), 4001, "token invalid");
    }

    @Test
    void expiredJwtIsTokenExpired() throws Exception {
        assertClosed(WsClient.connect(server.ws("token=" + TestServer.jwt("1", Duration.ofSeconds(-5)))), 4001, "token expired");
    }

    @Test
    void unsignedOrForeignAlgorithmJwtIsTokenInvalid() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = b64.encodeToString(("{\"sub\":\"1\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes());
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + claims + ".";
        assertClosed(WsClient.connect(server.ws("token=" + none)), 4001, "token invalid");
        String valid = TestServer.jwt("1", Duration.ofMinutes(5));
        String hs512 = b64.encodeToString("{\"alg\":\"HS512\"}".getBytes()) + valid.substring(valid.indexOf('.'));
        assertClosed(WsClient.connect(server.ws("token=" + hs512)), 4001, "token invalid");
        String tampered = valid.substring(0, valid.indexOf('.') + 1) + claims + valid.substring(valid.lastIndexOf('.'));
        assertClosed(WsClient.connect(server.ws("token=" + tampered)), 4001, "token invalid");
    }

    /** Found by TokenFuzzTest: a header of JSON null made Nimbus throw a NullPointerException out of onOpen. */
    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"x\"", "7"})
    void jwtWhoseHeaderIsNotAnObjectIsTokenInvalid(String header) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString(header.getBytes()) + "." + b64.encodeToString("{}".getBytes()) + ".c2ln";
        assertClosed(WsClient.connect(server.ws("token=" + token)), 4001, "token invalid");
    }

    @Test
    void rejectedAttemptNeverDisplacesTheLiveSessionNorReceivesItsMessages() throws Exception {
        try (WsClient live = WsClient.connect(server.wsFor("400"));
             WsClient sender = WsClient.connect(server.wsFor("401"))) {
            WsClient impostor = WsClient.connect(server.ws("uid=400&token=" + LegacyToken.issue("999", TestServer.KEY)));
            assertClosed(impostor, 4001, "token invalid");
            sender.send("{\"event\":\"alertTip\",\"toUid\":400}");
            assertEquals("alertTip", live.nextJson().getString("event"));
            assertTrue(live.isOpen());
            assertNull(impostor.poll(Duration.ofMillis(200)));
        }
    }
}
