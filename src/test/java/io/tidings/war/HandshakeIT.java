package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.close.CloseReason;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who gets in, and the exact close every rejected attempt receives, on each container. A rejection is always
 * a close frame after the upgrade, never an HTTP error: Tomcat, for one, fails the handshake with HTTP 500 if
 * an endpoint puts a null (a missing uid) into the session's user properties.
 */
@ExtendWith(ContainerExtension.class)
class HandshakeIT {
    static Deployment tidings;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
    }

    @Test
    void legacyTokenLetsTheUidInAndPingIsAnswered() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("h100"))) {
            client.send("{\"event\":\"ping\"}");
            assertEquals("{\"event\":\"pong\"}", client.next());
        }
    }

    @Test
    void theEndpointAlsoAnswersAtTheContextRoot() throws Exception {
        try (WsClient client = WsClient.connect(tidings.rootWsFor("h101"))) {
            client.send("{\"event\":\"ping\"}");
            assertEquals("{\"event\":\"pong\"}", client.next());
        }
    }

    @Test
    void noQueryAtAllIsAccessFailedNotAnHttpError() throws Exception {
        Expect.closed(WsClient.connect(tidings.ws("ws", null)), CloseReason.ACCESS_FAILED);
        Expect.closed(WsClient.connect(tidings.ws("", null)), CloseReason.ACCESS_FAILED);
    }

    @Test
    void missingUidOrTokenIsAccessFailed() throws Exception {
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=h1")), CloseReason.ACCESS_FAILED);
        Expect.closed(WsClient.connect(tidings.ws("ws", "token=" + LegacyToken.issue("h1", TestServer.KEY))),
                CloseReason.ACCESS_FAILED);
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=&token=")), CloseReason.ACCESS_FAILED);
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid&token")), CloseReason.ACCESS_FAILED);
    }

    @Test
    void malformedUidIsAccessFailed() throws Exception {
        String uid = "a b";
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=" + TestServer.encode(uid) + "&token="
                + LegacyToken.issue(uid, TestServer.KEY))), CloseReason.ACCESS_FAILED);
    }

    @Test
    void wrongTokenIsTokenInvalid() throws Exception {
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=h1&token=" + LegacyToken.issue("h2", TestServer.KEY))),
                CloseReason.TOKEN_INVALID);
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=h1&token="
                + LegacyToken.issue("h1", "another-key-another-key-another-key"))), CloseReason.TOKEN_INVALID);
    }

    @Test
    void jwtNamesItsOwnUid() throws Exception {
        // Online first: an alertTip stored before the welcome's head was read is below the welcome's seq, history
        // rather than a live frame (inbox.md, "Catching up without a gap or a repeat").
        try (WsClient client = WsClient.connectOnline(tidings.ws("ws", "token="
                + TestServer.jwt("h300", Duration.ofMinutes(5))))) {
            client.send("{\"event\":\"alertTip\",\"toUid\":\"h300\",\"content\":\"self\"}");
            assertEquals("h300", client.nextJson().getString("from"));
        }
    }

    @Test
    void jwtForAnotherUidIsTokenInvalid() throws Exception {
        Expect.closed(WsClient.connect(tidings.ws("ws", "uid=h1&token=" + TestServer.jwt("h2", Duration.ofMinutes(5)))),
                CloseReason.TOKEN_INVALID);
    }

    @Test
    void expiredJwtIsTokenExpired() throws Exception {
        Expect.closed(WsClient.connect(tidings.ws("ws", "token=" + TestServer.jwt("h1", Duration.ofSeconds(-5)))),
                CloseReason.TOKEN_EXPIRED);
    }

    @Test
    void unsignedForeignAlgorithmOrTamperedJwtIsTokenInvalid() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = b64.encodeToString(("{\"sub\":\"h1\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes());
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + claims + ".";
        Expect.closed(WsClient.connect(tidings.ws("ws", "token=" + none)), CloseReason.TOKEN_INVALID);
        String valid = TestServer.jwt("h1", Duration.ofMinutes(5));
        String hs512 = b64.encodeToString("{\"alg\":\"HS512\"}".getBytes()) + valid.substring(valid.indexOf('.'));
        Expect.closed(WsClient.connect(tidings.ws("ws", "token=" + hs512)), CloseReason.TOKEN_INVALID);
        String tampered = valid.substring(0, valid.indexOf('.') + 1) + claims + valid.substring(valid.lastIndexOf('.'));
        Expect.closed(WsClient.connect(tidings.ws("ws", "token=" + tampered)), CloseReason.TOKEN_INVALID);
    }

    /** TIDINGS_ALLOWED_ORIGINS is enforced by every container's handshake, at both endpoints (HTTP 403). */
    @Test
    void aBrowserFromAnotherOriginIsRefusedAtTheHandshake(ContainerRun run) throws Exception {
        String path = "/tidings-origins";
        Deployment guarded = run.deploy(path, Map.of("TIDINGS_KEY", TestServer.KEY,
                "TIDINGS_ALLOWED_ORIGINS", "https://app.example.com", "TIDINGS_INBOX", "memory"));
        try {
            for (String endpoint : new String[] {"ws", ""}) {
                URI uri = guarded.ws(endpoint, "uid=h500&token=" + LegacyToken.issue("h500", TestServer.KEY));
                assertEquals("403", status(uri, "Origin: https://evil.example.com"), "foreign origin at /" + endpoint);
                assertEquals("101", status(uri, "Origin: https://app.example.com"), "listed origin at /" + endpoint);
                assertEquals("101", status(uri), "no Origin (a backend, an app) at /" + endpoint);
            }
        } finally {
            run.undeploy(path);
        }
    }

    /**
     * RFC 6455 section 4.2.1: a Sec-WebSocket-Key that is not 16 bytes in base64 is a bad request, answered 400 at
     * every endpoint (chat's too), as a missing one is.
     */
    @Test
    void aKeyThatIsNotSixteenBytesOfBase64IsABadRequest() throws Exception {
        List<String> badKeys = List.of("short", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ==x",
                Base64.getEncoder().encodeToString(new byte[15]), Base64.getEncoder().encodeToString(new byte[17]),
                "!!!!!!!!!!!!!!!!!!!!!!==");
        for (String endpoint : new String[] {"ws", "", "chat"}) {
            URI uri = tidings.ws(endpoint, "uid=h600&token=" + LegacyToken.issue("h600", TestServer.KEY));
            for (String key : badKeys) {
                String answer = RawWebSocket.handshakeAnswer(uri, "Sec-WebSocket-Key: " + key,
                        "Sec-WebSocket-Version: 13");
                assertTrue(answer.startsWith("HTTP/1.1 400 "), "/" + endpoint + " with key '" + key + "': "
                        + answer.lines().findFirst().orElse(answer));
            }
            String none = RawWebSocket.handshakeAnswer(uri, "Sec-WebSocket-Version: 13");
            assertTrue(none.startsWith("HTTP/1.1 400 "), "/" + endpoint + " without a key: " + none);
            String good = RawWebSocket.handshakeAnswer(uri, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                    "Sec-WebSocket-Version: 13");
            assertTrue(good.startsWith("HTTP/1.1 101 "), "/" + endpoint + ": " + good);
        }
    }

    private static String status(URI uri, String... headers) throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(uri, 0, headers)) {
            String[] statusLine = socket.handshakeStatus().split(" ");
            return statusLine.length > 1 ? statusLine[1] : socket.handshakeStatus();
        }
    }

    @Test
    void rejectedAttemptNeverDisplacesTheLiveSessionNorReceivesItsMessages() throws Exception {
        try (WsClient live = WsClient.connect(tidings.wsFor("h400"));
             WsClient sender = WsClient.connect(tidings.wsFor("h401"))) {
            WsClient impostor = WsClient.connect(tidings.ws("ws", "uid=h400&token=" + LegacyToken.issue("h999", TestServer.KEY)));
            Expect.closed(impostor, CloseReason.TOKEN_INVALID);
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"h400\"}");
            assertEquals("alertTip", live.nextJson().getString("event"));
            assertTrue(live.isOpen());
            assertNull(impostor.poll(Duration.ofMillis(200)));
        }
    }
}
