package io.tidings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of scripts/bench compare: its command line, the median and range, the ratio to the best peer. */
class CompareTest {
    @Test
    void modesComeFirstTheComparisonsOwnOptionsAnywhereAndTheRestGoesToEachRun() {
        CompareOptions options = new CompareOptions(new String[] {"alert", "push", "--runs", "2", "--duration", "5",
                "--variant", "inbox-off:TIDINGS_INBOX=off", "--floors", "--peers", "bun"});
        assertEquals(List.of("alert", "push"), options.modes);
        assertEquals(List.of("--duration", "5"), options.passThrough);
        assertEquals(List.of("tidings", "tidings/inbox-off", "bun", "floor-java", "floor-c"), options.servers);
        assertEquals(List.of("bun"), options.peers);
        assertEquals(List.of("TIDINGS_INBOX=off"), options.variants.get("tidings/inbox-off"));
        assertEquals(5.0, options.parse("alert").duration);
        assertTrue(options.commandLine().contains("--variant inbox-off:TIDINGS_INBOX=off --runs 2 alert push"));
    }

    @Test
    void whatCompareCannotDoIsRefusedBeforeAnyRun() {
        assertThrows(IllegalArgumentException.class, () -> new CompareOptions(new String[] {"batch-push"}));
        assertThrows(IllegalArgumentException.class, () -> new CompareOptions(new String[] {"alert", "--url", "x"}));
        assertThrows(IllegalArgumentException.class, () -> new CompareOptions(new String[] {"alert", "--variant",
                "no-settings"}));
        assertThrows(IllegalArgumentException.class, () -> new CompareOptions(new String[] {"--runs", "2"}));
    }

    @Test
    void cellsShowTheMedianAndTheRangeOfTheRuns() {
        assertEquals("24.1 [23.9-30]", CompareStats.cell(List.of(30.0, 23.9, 24.1)));
        assertEquals("25 [24-26]", CompareStats.cell(List.of(24.0, 26.0)));
        assertEquals("0.125", CompareStats.cell(List.of(0.125)));
        assertEquals("-", CompareStats.cell(List.of()));
    }

    @Test
    void theRatioIsToTheBestPeerNeverToAFloorOrAVariant() {
        CompareTable table = new CompareTable(List.of("tidings", "tidings/x", "node-ws", "bun", "floor-c"),
                List.of("node-ws", "bun"), 1, "0 0 0");
        table.add("alert", "tidings", report(30));
        table.add("alert", "tidings/x", report(5));
        table.add("alert", "node-ws", report(45));
        table.add("alert", "bun", report(25));
        table.add("alert", "floor-c", report(9));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.print(new PrintStream(out, true, StandardCharsets.UTF_8), "scripts/bench compare alert", Path.of("x"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("1.20x (bun)"), printed);
        assertTrue(table.json().contains("\"ratio_to_best_peer\":1.200,\"best_peer\":\"bun\""), table.json());
    }

    private static jakarta.json.JsonObject report(double cpu) {
        return Json.createObjectBuilder().add("server_cpu_us_per_alert", cpu).add("lost", 0).build();
    }
}
