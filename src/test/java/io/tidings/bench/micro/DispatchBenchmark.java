package io.tidings.bench.micro;

import io.tidings.close.CloseException;
import io.tidings.event.BuiltinEvents;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.util.Map;

/**
 * Inbound events: decoding (the JSON-P parse that finds the event name, the JSON-B bind of the payload) and the
 * whole dispatch of ping and of an alertTip delivered to one online session. {@code decodeFrameCachedFactory}
 * parses through a factory made once, as the dispatcher does; {@code decodeFrameJsonCreateReader} through
 * {@code Json.createReader}, which looks the JSON-P provider up with a ServiceLoader on every call: the
 * difference is what that lookup costs wherever it is still used per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {
    private static final String PING = "{\"event\":\"ping\"}";
    private static final String ALERT = "{\"event\":\"alertTip\",\"toUid\":\"u1\",\"content\":\"BENCH:1:123456789\"}";

    private final JsonReaderFactory readers = Json.createReaderFactory(null);
    private Wiring wiring;
    private NullConnection caller;

    @Setup
    public void setUp() {
        // No event rate limit here: the benchmark calls the dispatcher far faster than any client may.
        wiring = new Wiring(Map.of("TIDINGS_EVENT_RATE", "100000", "TIDINGS_EVENT_BURST", "100000"));
        NullConnection[] connections = wiring.register(2);
        caller = connections[0];
    }

    @TearDown
    public void tearDown() {
        wiring.close();
    }

    @Benchmark
    public JsonObject decodeFrameJsonCreateReader() {
        try (JsonReader reader = Json.createReader(new StringReader(ALERT))) {
            return reader.readObject();
        }
    }

    @Benchmark
    public JsonObject decodeFrameCachedFactory() {
        try (JsonReader reader = readers.createReader(new StringReader(ALERT))) {
            return reader.readObject();
        }
    }

    @Benchmark
    public BuiltinEvents.AlertTipRequest decodeAlertPayload() {
        return wiring.tidings.jsonb().fromJson(ALERT, BuiltinEvents.AlertTipRequest.class);
    }

    @Benchmark
    public String dispatchPing() throws CloseException {
        wiring.tidings.dispatcher().dispatch(caller, PING);
        return caller.last;
    }

    @Benchmark
    public long dispatchAlertTip() throws CloseException {
        wiring.tidings.dispatcher().dispatch(caller, ALERT);
        return caller.frames;
    }
}
