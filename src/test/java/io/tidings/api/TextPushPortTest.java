package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 001's text push port through a real TCP socket: lines in, verbatim frames out, ok/fail answers. */
class TextPushPortTest {
    static TestServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = TestServer.freePort();
        server = TestServer.start(Map.of("TIDINGS_TEXT_PUSH_PORT", Integer.toString(port),
                "TIDINGS_API_MAX_BODY", "1024"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A backend's connection, as seed 001's PHP opens it. */
    static final class Backend implements AutoCloseable {
        final Socket socket = new Socket("127.0.0.1", port);
        final OutputStream out;
        final BufferedReader in;

        Backend() throws IOException {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aLineIsDeliveredVerbatimAndAnsweredOk() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("uid1"));
             Backend backend = new Backend()) {
            String line = "{\"uid\":\"uid1\",\"percent\":\"88%\",\"text\":\"收到\"}";
            assertEquals("ok", backend.send(line + "\n"));
            assertEquals(line, client.next());
            assertEquals("ok", backend.send("{\"uid\":\"uid1\",\"n\":2}\r\n"), "several lines per connection");
            assertEquals("{\"uid\":\"uid1\",\"n\":2}", client.next());
        }
    }

    @Test
    void aNumericUidWorks() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("5678"));
             Backend backend = new Backend()) {
            assertEquals("ok", backend.send("{\"uid\":5678}\n"));
            assertEquals("{\"uid\":5678}", client.next());
        }
    }

    @Test
    void undeliverableOrInvalidLinesAreAnsweredFail() throws Exception {
        try (Backend backend = new Backend()) {
            assertEquals("fail", backend.send("{\"uid\":\"nobody-online\"}\n"));
            assertEquals("fail", backend.send("not json\n"));
            assertEquals("fail", backend.send("{\"no\":\"uid\"}\n"));
            assertEquals("fail", backend.send("{\"uid\":\"a b\"}\n"));
            assertEquals("fail", backend.send("[\"uid\"]\n"));
            assertEquals("fail", backend.send("\n"));
        }
    }

    @Test
    void aTooLongLineFailsAndTheConnectionStaysInStep() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("long1"));
             Backend backend = new Backend()) {
            assertEquals("fail", backend.send("{\"uid\":\"long1\",\"pad\":\"" + "x".repeat(2000) + "\"}\n"));
            assertNull(client.poll(Duration.ofMillis(200)));
            assertEquals("ok", backend.send("{\"uid\":\"long1\"}\n"));
            assertEquals("{\"uid\":\"long1\"}", client.next());
        }
    }

    @Test
    void aSilentConnectionDoesNotHoldUpAnother() throws Exception {
        try (WsClient client = WsClient.connectOnline(server.wsFor("busy1"));
             Backend silent = new Backend();
             Backend other = new Backend()) {
            silent.out.write("{\"uid\":\"busy1\",".getBytes(StandardCharsets.UTF_8));
            silent.out.flush();
            assertEquals("ok", other.send("{\"uid\":\"busy1\",\"from\":\"other\"}\n"));
            assertEquals("{\"uid\":\"busy1\",\"from\":\"other\"}", client.next());
            assertEquals("ok", silent.send("\"from\":\"silent\"}\n"));
            assertEquals("{\"uid\":\"busy1\",\"from\":\"silent\"}", client.next());
        }
    }

    @Test
    void offByDefaultAndABusyPortStopsStartup() throws Exception {
        try (TestServer plain = TestServer.start()) {
            assertNull(plain.textPush());
        }
        Exception failure = assertThrows(Exception.class,
                () -> TestServer.start(Map.of("TIDINGS_TEXT_PUSH_PORT", Integer.toString(port))));
        assertTrue(failure.getMessage().startsWith("TIDINGS_TEXT_PUSH_PORT: cannot listen on 127.0.0.1:" + port + ": "),
                failure.getMessage());
    }
}
