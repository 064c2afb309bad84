package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.RawHttp;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the API, and the answers to everyone else; health endpoints need no key. */
class ApiAccessTest {
    static final List<String> ENDPOINTS = List.of("api/push", "api/push/batch", "api/online?uid=1",
            "api/sessions?uid=1", "api/kick", "api/groups/g", "api/groups/g/join", "api/groups/g/leave", "api/nothing",
            "api");
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyEndpointWantsTheBearerKey() throws Exception {
        for (String path : ENDPOINTS) {
            assertUnauthorized(ApiClient.withAuthorization(server, null), path,
                    "missing Authorization header: send Authorization: Bearer <TIDINGS_API_KEY>");
            assertUnauthorized(ApiClient.withAuthorization(server, "Bearer " + TestServer.API_KEY + "x"), path,
                    "invalid API key");
            assertUnauthorized(ApiClient.withAuthorization(server, "Bearer " + TestServer.API_KEY.substring(1)), path,
                    "invalid API key");
            assertUnauthorized(ApiClient.withAuthorization(server, "Basic " + TestServer.API_KEY), path,
                    "Authorization must use the Bearer scheme");
        }
    }

    @Test
    void theSchemeIsCaseInsensitive() throws Exception {
        Reply reply = ApiClient.withAuthorization(server, "bearer " + TestServer.API_KEY).get("api/online?uid=1");
        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void unknownEndpointsAre404InJson() throws Exception {
        ApiClient api = ApiClient.of(server);
        for (String path : List.of("api/nothing", "api", "api/push/other", "api/groups", "api/groups/g/rename",
                "api/groups/g/join/x")) {
            Reply reply = api.post(path, "{}");
            assertEquals(404, reply.status(), path);
            assertTrue(reply.contentType().startsWith("application/json"), path);
            assertTrue(reply.error().startsWith("no such endpoint"), reply.body());
        }
    }

    @Test
    void aRefusedRequestWhoseBodyFollowsLeavesTheConnectionUsable() throws Exception {
        // A container that ends a connection whose request was not read to its end (Jetty) would leave a
        // keep-alive client's next request to find it closed: the refusal waits for the body, which is dropped.
        String body = "{\"pushes\":[]}";
        String length = "Content-Length: " + body.length() + "\r\n";
        try (RawHttp.Connection http = new RawHttp.Connection(server.http())) {
            for (String[] refusal : new String[][] {{"api/push/batch", "not-the-key", "401"},
                    {"api/nothing", TestServer.API_KEY, "404"}}) {
                http.write(RawHttp.Connection.postHead(refusal[0], refusal[1], length));
                assertTrue(http.silentFor(java.time.Duration.ofMillis(300)), "answered before the body was read");
                assertEquals(Integer.parseInt(refusal[2]), http.write(body).reply().status(), refusal[0]);
            }
            assertEquals(200, http.write(RawHttp.Connection.postHead("api/online?uid=1", "")
                    .replace("POST", "GET")).reply().status());
        }
    }

    @Test
    void healthAndReadinessNeedNoKey() throws Exception {
        ApiClient anonymous = ApiClient.withAuthorization(server, null);
        try (WsClient client = WsClient.connectOnline(server.wsFor("h1"))) {
            Reply health = anonymous.get("healthz");
            assertEquals(200, health.status());
            assertEquals("ok", health.json().getString("status"));
            assertTrue(health.json().getInt("sessions") >= 1, health.body());
            Reply ready = anonymous.get("readyz");
            assertEquals(200, ready.status());
            assertEquals("ready", ready.json().getString("status"));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void readinessTurns503WhenShutdownBegins() throws Exception {
        try (TestServer stopping = TestServer.start();
             WsClient client = WsClient.connectOnline(stopping.wsFor("r1"))) {
            stopping.tidings().close();
            assertEquals(1001, client.awaitClose().getCloseCode().getCode());
            Reply ready = ApiClient.withAuthorization(stopping, null).get("readyz");
            assertEquals(503, ready.status());
            assertEquals("stopping", ready.json().getString("status"));
            assertEquals(200, ApiClient.withAuthorization(stopping, null).get("healthz").status());
        }
    }

    @Test
    void withoutAnApiKeyTheApiIsDisabled() throws Exception {
        try (TestServer disabled = TestServer.start(Map.of("TIDINGS_API_KEY", ""))) {
            for (String path : ENDPOINTS) {
                Reply reply = ApiClient.of(disabled).post(path, "{}");
                assertEquals(503, reply.status(), path);
                assertEquals("api disabled: set TIDINGS_API_KEY", reply.error());
            }
            assertEquals(200, ApiClient.of(disabled).get("healthz").status());
        }
    }

    static void assertUnauthorized(ApiClient client, String path, String error) throws Exception {
        for (Reply reply : List.of(client.get(path), client.post(path, "{\"uid\":\"1\",\"event\":\"e\"}"))) {
            assertEquals(401, reply.status(), path);
            assertEquals(error, reply.error(), path);
            assertEquals("Bearer realm=\"tidings\"", reply.headers().firstValue("WWW-Authenticate").orElse(""));
        }
    }
}
