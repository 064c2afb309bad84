package io.tidings.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tidings.hub.FakeConnection;
import io.tidings.testing.StrictJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the wire contract (README, "Frames from the client") says an accepted frame must cause, worked out
 * from the frame text with a strict JSON-P parser rather than with the dispatcher's own code.
 */
final class InboundOracle {
    private static final Set<String> ALERT_KEYS = Set.of("event", "msg", "from", "id", "ts");
    private static final Set<String> ACK_KEYS = Set.of("event", "rid", "delivered", "id", "stored");

    private final JsonObject frame;

    private InboundOracle(JsonObject frame) {
        this.frame = frame;
    }

    /** The frame the dispatcher accepted; it must be one JSON object. */
    static InboundOracle of(String text) {
        return new InboundOracle(parseObject(text, "accepted frame"));
    }

    String event() {
        if (!(frame.get("event") instanceof JsonString name)) {
            return fail("accepted a frame without a string event: " + frame);
        }
        return name.getString();
    }

    /** Every session of the addressed uid got the one alert; the caller got an ack iff it sent a rid. */
    void checkAlertTip(FakeConnection caller, List<FakeConnection> others) {
        List<FakeConnection> everyone = new ArrayList<>(others);
        everyone.add(0, caller);
        long receivers = everyone.stream().filter(c -> addressedTo(c.uid())).count();
        String messageId = null;
        for (FakeConnection connection : everyone) {
            boolean addressed = addressedTo(connection.uid());
            boolean acked = connection == caller && wantsAck();
            assertEquals((addressed ? 1 : 0) + (acked ? 1 : 0), connection.sent.size(),
                    "frames to " + connection.uid() + " for " + frame + ": " + connection.sent);
            if (addressed) {
                String id = checkAlert(parseObject(connection.sent.get(0), "alertTip"));
                assertTrue(messageId == null || messageId.equals(id), "one alertTip, two ids");
                messageId = id;
            }
            if (acked) {
                JsonObject ack = parseObject(connection.sent.get(connection.sent.size() - 1), "ack");
                assertEquals(ACK_KEYS, ack.keySet());
                assertEquals("ack", ack.getString("event"));
                assertEquals(frame.get("rid"), ack.get("rid"), "rid not echoed as given");
                assertEquals(receivers, ack.getInt("delivered"));
                assertFalse(ack.getString("id").isEmpty());
                assertTrue(messageId == null || messageId.equals(ack.getString("id")), "ack id differs");
            }
        }
    }

    private String checkAlert(JsonObject alert) {
        assertEquals(ALERT_KEYS, alert.keySet());
        assertEquals("alertTip", alert.getString("event"));
        assertEquals(expectedMessage(), alert.getString("msg"));
        assertEquals(InboundFuzzTest.CALLER, alert.getString("from"));
        assertEquals(InboundFuzzTest.NOW, alert.getJsonNumber("ts").longValueExact());
        assertFalse(alert.getString("id").isEmpty());
        return alert.getString("id");
    }

    /** toUid names the uid as a string, or as a whole number equal to it. */
    private boolean addressedTo(String uid) {
        JsonValue toUid = frame.get("toUid");
        if (toUid instanceof JsonString string) {
            return string.getString().equals(uid);
        }
        if (toUid instanceof JsonNumber number) {
            return uid.matches("-?[0-9]+") && number.bigDecimalValue().compareTo(new BigDecimal(uid)) == 0;
        }
        return fail("accepted an alertTip whose toUid is neither a string nor a number: " + frame);
    }

    private boolean wantsAck() {
        JsonValue rid = frame.get("rid");
        return rid != null && rid != JsonValue.NULL;
    }

    private String expectedMessage() {
        JsonValue content = frame.get("content");
        if (content == null || content == JsonValue.NULL) {
            return BuiltinEvents.DEFAULT_ALERT;
        }
        if (!(content instanceof JsonString string)) {
            return fail("accepted an alertTip whose content is not a string: " + frame);
        }
        return string.getString().isBlank() ? BuiltinEvents.DEFAULT_ALERT : string.getString();
    }

    /** A frame on the wire must be Unicode text (UTF-8 encodable) holding exactly one JSON object. */
    static JsonObject parseObject(String text, String what) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            return fail(what + " is not well-formed Unicode (a lone surrogate?): " + e);
        }
        return StrictJson.object(text).orElseGet(() -> fail(what + " is not exactly one JSON object: " + text));
    }
}
