package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import org.junit.jupiter.api.Test;

/** Stopping the server closes every session with 1001 "server shutting down": clients know to come back. */
class ShutdownTest {

    @Test
    void shutdownClosesEverySessionWith1001() throws Exception {
        TestServer server = TestServer.start();
        WsClient a = WsClient.connect(server.wsFor("1"));
        WsClient b = WsClient.connect(server.wsFor("2"));
        for (WsClient client : new WsClient[] {a, b}) {
            // A pong proves the server has registered the session (the upgrade completes before onOpen ends).
            client.send("{\"event\":\"ping\"}");
            client.next();
        }
        server.close();
        assertEquals("1001 server shutting down", WsClient.describe(a.awaitClose()));
        assertEquals("1001 server shutting down", WsClient.describe(b.awaitClose()));
    }

    /** Between Tidings' shutdown and the container's (the drain), a new session is still told why it closes. */
    @Test
    void aSessionOpenedDuringTheDrainIsClosed1001() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.tidings().close();
            WsClient late = WsClient.connect(server.wsFor("3"));
            assertEquals("1001 server shutting down", WsClient.describe(late.awaitClose()));
        }
    }
}
