package io.tidings.api;

import io.tidings.testing.ApiClient;
import io.tidings.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the API test classes share: one real server per class and a client holding the API key. */
abstract class ApiTest {
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        api = ApiClient.of(server);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
