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
        server.close();
        assertEquals("1001 server shutting down", WsClient.describe(a.awaitClose()));
        assertEquals("1001 server shutting down", WsClient.describe(b.awaitClose()));
    }
}
