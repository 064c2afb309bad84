package io.tidings.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.ConfigLoader;
import io.tidings.config.SessionPolicy;
import io.tidings.hub.FakeConnection;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Coverage-guided fuzzing of the inbound path: any text frame goes through {@link Dispatcher#dispatch} (parse,
 * handler lookup, payload binding, handler) wired as {@code Tidings.start} wires it, with fake sessions over a
 * real hub and delivery service. Whatever the frame, dispatch must return or refuse with 4003/4004 (anything
 * else would reach the client as 1011); a refused frame delivers nothing; an accepted one delivers exactly
 * what the wire contract says to exactly whom it says (checked by {@link InboundOracle}); every frame sent is
 * a well-formed JSON object. The input is the frame's UTF-8 text, as the container would decode it.
 * Seeds: src/test/resources/io/tidings/event/InboundFuzzTestInputs/frames/.
 */
class InboundFuzzTest {
    static final String CALLER = "1";
    /** Sessions besides the caller's: uid 100 twice (policy "all"), so a delivery must reach both. */
    static final List<String> OTHERS = List.of("100", "100", "7", "alice");
    static final long NOW = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();

    private static final Set<CloseReason> DOCUMENTED = Set.of(CloseReason.DATA_INVALID, CloseReason.EVENT_UNKNOWN);
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final int MAX_DEPTH = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", "x".repeat(32))).load()
            .limits().maxJsonDepth();
    private static final Hub HUB = new Hub(SessionPolicy.ALL, 16, HubListener.NONE);
    private static final Metrics METRICS = new Metrics(HUB::size);
    private static final DeliveryService DELIVERY = new DeliveryService(new LocalBroker(HUB, new Groups(10_000, 100_000, 1_000_000),
            null, Runnable::run), new MessageIds(), JSONB, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
            METRICS, false);
    private static final Dispatcher DISPATCHER = new Dispatcher(EventTable.scan(new BuiltinEvents(DELIVERY)),
            JSONB, METRICS, MAX_DEPTH);

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"event\"", "\"ping\"", "\"alertTip\"", "\"toUid\"", "\"content\"", "\"rid\"",
        "\"100\"", "\"7\"", "\"alice\"", "\"1\"", "null", "true", "\\ud83d", "\\u0000", "1e2", "-0"})
    void frames(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FakeConnection caller = new FakeConnection("caller", CALLER);
        List<FakeConnection> others = IntStream.range(0, OTHERS.size())
                .mapToObj(i -> new FakeConnection("other-" + i, OTHERS.get(i))).toList();
        HUB.register(caller);
        others.forEach(HUB::register);
        CloseReason refused = null;
        try {
            DISPATCHER.dispatch(caller, text);
        } catch (CloseException e) {
            refused = e.reason();
        } finally {
            HUB.unregister(caller);
            others.forEach(HUB::unregister);
        }
        assertEquals(0, HUB.size(), "sessions left registered");
        check(text, refused, caller, others);
    }

    private static void check(String text, CloseReason refused, FakeConnection caller, List<FakeConnection> others) {
        assertNull(caller.closedWith.get(), "dispatch closed the caller itself");
        for (FakeConnection other : others) {
            assertNull(other.closedWith.get(), "dispatch closed another session");
        }
        if (refused != null) {
            assertTrue(DOCUMENTED.contains(refused), "undocumented refusal " + refused);
            assertEquals(List.of(), caller.sent, "a refused frame answered the caller");
            others.forEach(other -> assertEquals(List.of(), other.sent, "a refused frame was delivered"));
            return;
        }
        InboundOracle oracle = InboundOracle.of(text);
        switch (oracle.event()) {
            case "ping" -> {
                assertEquals(List.of("{\"event\":\"pong\"}"), caller.sent);
                others.forEach(other -> assertEquals(List.of(), other.sent, "a ping reached another session"));
            }
            case "alertTip" -> oracle.checkAlertTip(caller, others);
            default -> fail("accepted a frame for event " + oracle.event());
        }
    }
}
