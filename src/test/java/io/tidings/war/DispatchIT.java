package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inbound frames: anything but a JSON object with a non-empty string "event" closes 4003, an event nobody
 * handles closes 4004, whatever the name (seed 004 would call any public method named by the client; the
 * names of Object's and the endpoint's own methods must find nothing).
 */
@ExtendWith(ContainerExtension.class)
class DispatchIT {
    static Deployment tidings;
    static String container;

    @BeforeAll
    static void deployment(ContainerRun run) {
        tidings = run.main();
        container = run.container();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello", "{", "{\"event\":\"ping\"", "[]", "[{\"event\":\"ping\"}]", "\"ping\"", "42", "null", "true",
        "{}", "{\"type\":\"ping\"}", "{\"event\":\"\"}", "{\"event\":42}", "{\"event\":null}", "{\"event\":true}",
        "{\"event\":[\"ping\"]}", "{\"event\":{\"name\":\"ping\"}}"})
    void aFrameThatIsNotAnEventObjectIsDataInvalid(String frame) throws Exception {
        Expect.frameCloses(tidings.wsFor("d100"), frame, CloseReason.DATA_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "close", "toString", "getClass", "wait", "hashCode", "notify", "notifyAll",
        "equals", "finalize", "clone", "onOpen", "onText", "onClose", "dispatch", "send", "PING", "ping ",
        "alerttip", "constructor", "__proto__"})
    void anEventNobodyHandlesIsEventUnknown(String event) throws Exception {
        Expect.frameCloses(tidings.wsFor("d101"), "{\"event\":\"" + event + "\"}", CloseReason.EVENT_UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":\"alertTip\"}", "{\"event\":\"alertTip\",\"toUid\":{}}",
        "{\"event\":\"alertTip\",\"toUid\":\"a b\"}", "{\"event\":\"alertTip\",\"toUid\":1.5}",
        "{\"event\":\"alertTip\",\"toUid\":\"d1\",\"content\":[]}"})
    void aKnownEventWithAPayloadOfTheWrongShapeIsDataInvalid(String frame) throws Exception {
        Expect.frameCloses(tidings.wsFor("d102"), frame, CloseReason.DATA_INVALID);
    }

    @Test
    void aBinaryFrameIsDataInvalid() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("d103"))) {
            client.sendBinary(ByteBuffer.wrap("{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
            Expect.closed(client, CloseReason.DATA_INVALID);
        }
    }

    /**
     * RFC 6455 section 8.1: text that is not UTF-8 closes 1007 (each container sends a reason text of its own). Tomcat
     * now and then ends the connection without its close frame (deploying.md, "Where containers differ"): 1006 is
     * tolerated there only.
     */
    @Test
    void aTextFrameThatIsNotUtf8ClosesInvalidPayload() throws Exception {
        byte[][] malformed = {
            {'{', '"', 'e', (byte) 0xff, '"', '}'},
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0xbd, '"'}, // a surrogate in UTF-8 (CESU-8)
        };
        for (byte[] payload : malformed) {
            try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor("d107"), 0)) {
                assertTrue(client.readAnyFrame().text().startsWith("{\"event\":\"welcome\""));
                client.sendFrame(1, payload);
                int code;
                try {
                    code = client.readUntilClose().closeCode();
                } catch (java.io.EOFException ended) {
                    code = 1006; // Tomcat now and then ends the connection without its own close frame
                }
                if (!(code == 1006 && container.startsWith("tomcat"))) {
                    assertEquals(CloseReason.INVALID_UTF8.code(), code);
                }
            }
        }
    }

    @Test
    void aBadFrameClosesOnlyItsOwnSession() throws Exception {
        try (WsClient bystander = WsClient.connect(tidings.wsFor("d104"))) {
            Expect.frameCloses(tidings.wsFor("d105"), "{\"event\":\"getClass\"}", CloseReason.EVENT_UNKNOWN);
            bystander.send("{\"event\":\"ping\"}");
            assertEquals("pong", bystander.nextJson().getString("event"));
        }
    }

    @Test
    void unknownFieldsBesideAKnownEventAreIgnored() throws Exception {
        try (WsClient client = WsClient.connect(tidings.wsFor("d106"))) {
            client.send("{\"event\":\"ping\",\"extra\":{\"nested\":[1,2,3]}}");
            assertEquals("{\"event\":\"pong\"}", client.next());
        }
    }
}
