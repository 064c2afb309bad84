package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens arrive in query strings. A whole run of the real launcher, with the request log on, valid and
 * rejected logins, malformed frames, failing HTTP requests and a SIGTERM, must print none of the secrets used.
 */
class NoSecretsInLogsTest {
    @TempDir
    Path dataDir;

    static final String KEY = "log-scan-key-5f1d8c0e9a7b6c5d4e3f2a1b";
    static final String API_KEY = "log-scan-api-key-77aa99bb";

    @Test
    void noTokenOrKeyAppearsInAnyLogLine() throws Exception {
        String legacy = LegacyToken.issue("42", KEY);
        String jwt = new JwtToken(KEY, Clock.systemUTC()).issue("43", Duration.ofMinutes(5));
        String expired = new JwtToken(KEY, Clock.systemUTC()).issue("44", Duration.ofSeconds(-5));
        String wrong = LegacyToken.issue("42", "some-other-key-0123456789abcdefgh");
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", KEY, "TIDINGS_API_KEY", API_KEY,
                "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1", "TIDINGS_DATA_DIR", dataDir.toString(), "TIDINGS_REQUEST_LOG", "true"))) {
            int port = launcher.awaitPort(Duration.ofSeconds(60));
            String ws = "ws://127.0.0.1:" + port + "/ws?";
            try (WsClient good = WsClient.connect(URI.create(ws + "uid=42&token=" + legacy));
                 WsClient viaJwt = WsClient.connectOnline(URI.create(ws + "token=" + jwt))) {
                good.send("{\"event\":\"alertTip\",\"toUid\":43,\"content\":\"hello\"}");
                viaJwt.next();
                viaJwt.send("not json");
                viaJwt.awaitClose();
            }
            WsClient.connect(URI.create(ws + "uid=42&token=" + wrong)).awaitClose();
            WsClient.connect(URI.create(ws + "token=" + expired)).awaitClose();
            try (RawWebSocket raw = RawWebSocket.connect(URI.create(ws + "uid=42&token=" + legacy), 0,
                    "Origin: http://127.0.0.1", "Authorization: Bearer " + API_KEY)) {
                raw.sendFrame(2, new byte[] {1, 2, 3});
                raw.readUntilClose();
            }
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/missing?token=" + legacy, "/healthz?token=" + jwt, "/api/push?key=" + API_KEY)) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.discarding());
            }
            launcher.terminate(Duration.ofSeconds(30));
            String output = launcher.output();
            assertTrue(output.contains("\"GET /ws HTTP/1.1\" 101"), "the request log was on:\n" + output);
            assertTrue(output.contains("/missing"), "failing requests were logged:\n" + output);
            for (String secret : List.of(KEY, API_KEY, legacy, jwt, expired, wrong, jwt.substring(jwt.lastIndexOf('.') + 1))) {
                assertFalse(output.contains(secret), "a secret leaked into the output:\n" + output);
            }
        }
    }
}
