package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate is off unless TIDINGS_COMPRESSION=true, even when the client offers it as browsers do; no other
 * extension is ever negotiated.
 */
class CompressionTest {
    static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

    @Test
    void offeredDeflateIsDeclinedByDefault() throws Exception {
        try (TestServer server = TestServer.start();
             RawWebSocket socket = RawWebSocket.connect(server.wsFor("1"), 0, OFFER)) {
            assertTrue(socket.handshakeStatus().contains(" 101 "));
            assertFalse(socket.handshakeHeaders().contains("permessage-deflate"), socket.handshakeHeaders());
        }
    }

    @Test
    void deflateIsNegotiatedWhenTurnedOn() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_COMPRESSION", "true"));
             RawWebSocket socket = RawWebSocket.connect(server.wsFor("1"), 0, OFFER)) {
            assertTrue(socket.handshakeHeaders().contains("sec-websocket-extensions: permessage-deflate"),
                    socket.handshakeHeaders());
        }
    }

    /** Only permessage-deflate: Jetty's "fragment" extension would let a client have every frame cut to 1 byte. */
    @Test
    void noOtherExtensionIsNegotiatedEvenWithCompressionOn() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_COMPRESSION", "true"));
             RawWebSocket socket = RawWebSocket.connect(server.wsFor("1"), 0,
                     "Sec-WebSocket-Extensions: fragment; maxLength=1, identity, permessage-deflate")) {
            assertTrue(socket.handshakeStatus().contains(" 101 "));
            String headers = socket.handshakeHeaders();
            assertFalse(headers.contains("fragment"), headers);
            assertFalse(headers.contains("identity"), headers);
            assertTrue(headers.contains("permessage-deflate"), headers);
        }
    }
}
