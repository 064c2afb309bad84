package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.RawWebSocket;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TIDINGS_MAX_FRAME (4096 bytes here, set as a context parameter): a larger inbound frame closes 1009. */
@ExtendWith(ContainerExtension.class)
class LimitsIT {
    static Deployment tidings;

    static ContainerRun container;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
        container = run;
    }

    /**
     * 1009 from an oversize message. In a WAR the container itself closes for it, and now and then (Tomcat about 1 run
     * in 10, Jetty seen once) ends the connection before its close frame is read, so the client sees 1006: a known
     * gap (deploying.md, "Where containers differ"), tolerated in WARs and never on the embedded server.
     */
    static void assertTooBig(int code, String what) {
        if (code == 1006 && !container.container().startsWith("embedded")) {
            return;
        }
        assertEquals(1009, code, what);
    }

    /** A ping padded to exactly the given size in UTF-8 bytes, using the given one-character padding. */
    static String pingOfBytes(int bytes, String pad) {
        String head = "{\"event\":\"ping\",\"pad\":\"";
        String tail = "\"}";
        int room = bytes - head.length() - tail.length();
        int unit = pad.getBytes(StandardCharsets.UTF_8).length;
        String frame = head + pad.repeat(room / unit) + "x".repeat(room % unit) + tail;
        assertEquals(bytes, frame.getBytes(StandardCharsets.UTF_8).length);
        return frame;
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("l100"))) {
            client.send(pingOfBytes(ContainerRun.MAX_FRAME, "x"));
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    /**
     * Repeated, since what it guards against raced: a container that closes with part of the frame unread resets the
     * connection, and the reset can overtake its close frame (the client then sees 1006).
     */
    @Test
    void aTextFrameOneByteOverTheLimitClosesTooBig() throws Exception {
        for (int run = 0; run < 20; run++) {
            try (WsClient client = WsClient.connect(tidings.wsFor("l101"))) {
                client.send(pingOfBytes(ContainerRun.MAX_FRAME + 1, "x"));
                assertTooBig(client.awaitClose().getCloseCode().getCode(), "run " + run);
            }
        }
    }

    @Test
    void theLimitCountsBytesNotCharacters() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("l102"))) {
            // 2-byte characters: under the limit in characters, over it in bytes.
            client.send(pingOfBytes(ContainerRun.MAX_FRAME + 2, "é"));
            assertTooBig(client.awaitClose().getCloseCode().getCode(), "closed");
        }
        try (WsClient client = WsClient.connect(tidings.wsFor("l103"))) {
            client.send(pingOfBytes(ContainerRun.MAX_FRAME, "é"));
            assertEquals("pong", client.nextJson().getString("event"));
        }
    }

    @Test
    void aBinaryFrameOverTheLimitClosesTooBig() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("l104"))) {
            client.sendBinary(ByteBuffer.allocate(ContainerRun.MAX_FRAME + 1));
            assertTooBig(client.awaitClose().getCloseCode().getCode(), "closed");
        }
    }

    /**
     * A frame whose header announces 10 MB is refused without its payload: the embedded server closes once the
     * header is read; a WAR's container once TIDINGS_MAX_FRAME bytes of it have arrived, since the Jakarta API
     * shows Tidings no frame header. Either way nothing near the 10 MB is read. GlassFish's engine (Tyrus) reads a
     * whole frame, up to its own buffer, before any endpoint sees it (deploying.md says so); sizing that buffer from
     * TIDINGS_MAX_FRAME made it close 1011 instead of 1009, so GlassFish is left out here.
     */
    @Test
    void aFrameAnnouncingMoreThanTheLimitClosesTooBigBeforeItsPayloadArrives(ContainerRun run) throws Exception {
        Assumptions.assumeFalse(run.container().equals("glassfish"), "GlassFish reads whole frames first");
        try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor("l107"), 0)) {
            byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) 0x98, (byte) 0x96, (byte) 0x80,
                1, 2, 3, 4}; // a text frame of 10 000 000 bytes, masked
            client.sendRaw(header);
            client.sendRaw(new byte[run.isWar() ? ContainerRun.MAX_FRAME + 1 : 64]);
            int code;
            try {
                code = client.readUntilClose(Duration.ofSeconds(5)).closeCode();
            } catch (java.io.EOFException ended) {
                code = 1006; // the connection ended without a close frame
            }
            assertTooBig(code, "closed");
        }
    }

    @Test
    void aHugeFrameClosesTooBigWithoutHarmingOtherSessions() throws Exception {
        try (WsClient bystander = WsClient.connect(tidings.wsFor("l105"));
             WsClient client = WsClient.connect(tidings.wsFor("l106"))) {
            client.send(pingOfBytes(1 << 20, "x"));
            assertTooBig(client.awaitClose().getCloseCode().getCode(), "closed");
            bystander.send("{\"event\":\"ping\"}");
            assertEquals("pong", bystander.nextJson().getString("event"));
        }
    }
}
