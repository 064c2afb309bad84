package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /dev/token: a working test token in dev mode, and no such endpoint at all outside it. */
class DevTokenTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(TestServer server, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.http().resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void inDevModeItIssuesAJwtThatTheWebSocketAccepts() throws Exception {
        try (TestServer dev = TestServer.start(Map.of("TIDINGS_DEV", "true"))) {
            HttpResponse<String> response = get(dev, "dev/token?uid=42");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            JsonObject body = json(response.body());
            assertEquals("42", body.getString("uid"));
            assertEquals(12 * 3600, body.getInt("expiresIn"));

            // The token alone identifies uid 42: an alert to 42 comes back to this very session.
            String token = body.getString("token");
            try (WsClient client = WsClient.connect(dev.ws("token=" + TestServer.encode(token)))) {
                client.send("{\"event\":\"alertTip\",\"toUid\":\"42\",\"content\":\"me\",\"rid\":1}");
                JsonObject alert = client.nextJson();
                assertEquals("alertTip", alert.getString("event"));
                assertEquals("42", alert.getString("from"));
            }
        }
    }

    @Test
    void inDevModeABadUidIsA400WithAnError() throws Exception {
        try (TestServer dev = TestServer.start(Map.of("TIDINGS_DEV", "true"))) {
            for (String query : new String[] {"dev/token", "dev/token?uid=", "dev/token?uid=a%20b",
                    "dev/token?uid=%22%7D%2C%22x%22%3A%22"}) {
                HttpResponse<String> response = get(dev, query);
                assertEquals(400, response.statusCode(), query);
                assertTrue(json(response.body()).getString("error").startsWith("uid must be"), response.body());
            }
        }
    }

    @Test
    void outsideDevModeTheEndpointDoesNotExist() throws Exception {
        // The same paths answer 200 and 400 in dev mode (above), so this 404 is the mapping's absence, not a typo.
        try (TestServer production = TestServer.start()) {
            assertEquals(false, production.tidings().config().dev());
            assertEquals(404, get(production, "dev/token?uid=42").statusCode());
            assertEquals(404, get(production, "dev/token").statusCode());
        }
    }
}
