package io.tidings.bench.micro;

import io.tidings.event.BuiltinEvents;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.util.Map;

/**
 * Outbound messages: encoding a frame with JSON-B, a delivery to one uid through the DeliveryService, and a
 * broadcast to {@code sessions} sessions (divide by sessions for the cost per delivery; the socket write is not
 * included, see scripts/bench broadcast for that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBenchmark {
    @Param("2000")
    public int sessions;

    private Wiring wiring;
    private final Target one = new Target.Uid("u1");
    private final Target all = new Target.All();

    @Setup
    public void setUp() {
        wiring = new Wiring(Map.of());
        wiring.register(sessions);
    }

    @TearDown
    public void tearDown() {
        wiring.close();
    }

    @Benchmark
    public String encodeAlertTip() {
        return wiring.tidings.jsonb().toJson(new BuiltinEvents.AlertTip("alertTip", "BENCH:1:123456789", "u0", "k3x9q2-1a",
                1_700_000_000_000L));
    }

    @Benchmark
    public Receipt deliverToOneUid() {
        return wiring.tidings.delivery().deliver(one,
                (id, ts) -> new BuiltinEvents.AlertTip("alertTip", "BENCH:1:123456789", "u0", id, ts)).join();
    }

    @Benchmark
    public Receipt broadcastToAll() {
        return wiring.tidings.delivery().deliver(all,
                (id, ts) -> new BuiltinEvents.AlertTip("alertTip", "BENCH:1:123456789", "u0", id, ts)).join();
    }
}
