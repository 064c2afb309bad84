package io.tidings.api;

import io.tidings.testing.ApiClient;
import io.tidings.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PushApiTest} again through {@link PushServlet}, the path every WAR takes: with the Jakarta transport
 * the embedded server leaves /api/push to the servlet context, so both paths must give the same answers.
 */
class ServletPushApiTest extends PushApiTest {
    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(Map.of("TIDINGS_EMBEDDED_WEBSOCKET", "jakarta"));
        api = ApiClient.of(server);
    }
}
