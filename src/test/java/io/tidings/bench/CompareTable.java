package io.tidings.bench;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a {@link Compare}: per mode and server, each run's report; printed as one table of the headline
 * figures (the median of the runs, their range, and Tidings' ratio to the best peer) and as one JSON line.
 */
final class CompareTable {
    /** A headline figure of a mode: its report key, what the table calls it, and which way is better. */
    record Figure(String key, String label, boolean higherIsBetter, boolean ratio) {
        static Figure lower(String key, String label) {
            return new Figure(key, label, false, true);
        }

        static Figure count(String key, String label) {
            return new Figure(key, label, false, false);
        }
    }

    private static final List<Figure> DELIVERY_CHECKS = List.of(Figure.count("lost", "lost"),
            Figure.count("duplicates", "duplicated"), Figure.count("other_processes_cores_busy",
                    "other processes, cores busy"));
    private static final List<Figure> STORM = List.of(Figure.lower("server_cpu_us_per_connect", "server CPU µs/connect"),
            Figure.lower("connect_p50_ms", "connect p50 ms"), Figure.lower("connect_p99_ms", "connect p99 ms"),
            new Figure("connect_rate_per_s", "connects/s reached", true, true),
            new Figure("sessions_held", "sessions held", true, false),
            Figure.lower("server_start_s", "server start s"),
            Figure.count("other_processes_cores_busy", "other processes, cores busy"));

    private final List<String> servers;
    private final List<String> peers;
    private final int runs;
    private final String loadBefore;
    private final Map<String, Map<String, List<JsonObject>>> reports = new LinkedHashMap<>();

    /** @param servers Tidings first, then the peers, then any floor servers; ratios are to the peers alone */
    CompareTable(List<String> servers, List<String> peers, int runs, String loadBefore) {
        this.servers = servers;
        this.peers = peers;
        this.runs = runs;
        this.loadBefore = loadBefore;
    }

    /** The headline figures of a mode that can be compared with the peers; empty for any other mode. */
    static List<Figure> figuresOf(String mode) {
        List<Figure> figures = new ArrayList<>();
        switch (mode) {
            case "alert" -> figures.add(Figure.lower("server_cpu_us_per_alert", "server CPU µs/alertTip"));
            case "push" -> figures.add(Figure.lower("server_cpu_us_per_push", "server CPU µs/push"));
            case "broadcast" -> figures.add(Figure.lower("server_cpu_us_per_delivery", "server CPU µs/delivery"));
            case "connect-storm", "cold-storm" -> {
                return STORM;
            }
            case "idle" -> {
                return List.of(Figure.lower("server_rss_per_session_kib", "RSS KiB/idle session"),
                        Figure.lower("server_cpu_us_per_connect", "server CPU µs/connect"),
                        new Figure("sessions_held", "sessions held", true, false),
                        Figure.count("other_processes_cores_busy", "other processes, cores busy"));
            }
            default -> {
                return List.of();
            }
        }
        figures.add(Figure.lower("latency_p50_ms", "latency p50 ms"));
        figures.add(Figure.lower("latency_p99_ms", "latency p99 ms"));
        figures.addAll(DELIVERY_CHECKS);
        return figures;
    }

    /** One run's report (null: the run failed, which shows as a missing figure). */
    void add(String mode, String server, JsonObject report) {
        List<JsonObject> list = reports.computeIfAbsent(mode, m -> new LinkedHashMap<>())
                .computeIfAbsent(server, s -> new ArrayList<>());
        if (report != null) {
            list.add(report);
        }
    }

    void print(PrintStream out, String command, Path folder) {
        out.println();
        out.printf(Locale.ROOT, "%s%n%d run(s) per server, each a fresh server process, in turn; median [min-max]."
                + " Ratio: Tidings / the best peer (below 1 is better for a cost, above 1 for a rate).%n",
                command, runs);
        out.println("load average before: " + loadBefore + ", after: " + ProcStats.loadAverage()
                + "; reports in " + folder);
        for (String server : servers) {
            out.println("  " + server + ": " + describe(server));
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%n%-13s %-30s", "mode", "figure"));
        servers.forEach(server -> head.append(String.format(Locale.ROOT, " %-22s", server)));
        out.println(head.append(" ratio to best peer"));
        reports.forEach((mode, byServer) -> {
            for (Figure figure : figuresOf(mode)) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-13s %-30s", mode, figure.label()));
                for (String server : servers) {
                    row.append(String.format(Locale.ROOT, " %-22s", CompareStats.cell(values(byServer, server,
                            figure))));
                }
                out.println(row.append(' ').append(ratioText(byServer, figure)));
            }
        });
        out.println();
        out.println(json());
    }

    private String describe(String server) {
        for (Map<String, List<JsonObject>> byServer : reports.values()) {
            for (JsonObject report : byServer.getOrDefault(server, List.of())) {
                String options = report.getString("server_jvm_options", "");
                return report.getString("server_executable", "?") + (options.isEmpty() ? "" : " " + options);
            }
        }
        return "no run succeeded";
    }

    private static List<Double> values(Map<String, List<JsonObject>> byServer, String server, Figure figure) {
        List<Double> values = new ArrayList<>();
        for (JsonObject report : byServer.getOrDefault(server, List.of())) {
            JsonValue value = report.get(figure.key());
            if (value instanceof JsonNumber number) {
                values.add(number.doubleValue());
            }
        }
        return values;
    }

    /** Tidings' median over the best peer's median, and which peer that is; null when it does not apply. */
    private Object[] ratio(Map<String, List<JsonObject>> byServer, Figure figure) {
        Double ours = CompareStats.median(values(byServer, Options.TIDINGS, figure));
        if (!figure.ratio() || ours == null) {
            return null;
        }
        String best = null;
        double bestValue = Double.NaN;
        for (String peer : peers) {
            Double value = CompareStats.median(values(byServer, peer, figure));
            if (value != null && (best == null || (figure.higherIsBetter() ? value > bestValue : value < bestValue))) {
                best = peer;
                bestValue = value;
            }
        }
        return best == null || bestValue == 0 ? null : new Object[] {ours / bestValue, best};
    }

    private String ratioText(Map<String, List<JsonObject>> byServer, Figure figure) {
        Object[] ratio = ratio(byServer, figure);
        return ratio == null ? "" : String.format(Locale.ROOT, "%.2fx (%s)", (Double) ratio[0], ratio[1]);
    }

    /** {"compare":{"runs":N,"servers":{..},"modes":{MODE:{FIGURE:{SERVER:{"median":..,"runs":[..]},..}}}}} */
    String json() {
        Map<String, Object> modes = new LinkedHashMap<>();
        reports.forEach((mode, byServer) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            for (Figure figure : figuresOf(mode)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                for (String server : servers) {
                    List<Double> values = values(byServer, server, figure);
                    Double median = CompareStats.median(values);
                    Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put("median", median == null ? Double.NaN : median);
                    cell.put("runs", values);
                    entry.put(server, cell);
                }
                Object[] ratio = ratio(byServer, figure);
                if (ratio != null) {
                    entry.put("ratio_to_best_peer", ratio[0]);
                    entry.put("best_peer", ratio[1]);
                }
                figures.put(figure.key(), entry);
            }
            modes.put(mode, figures);
        });
        Map<String, Object> executables = new LinkedHashMap<>();
        servers.forEach(server -> executables.put(server, describe(server)));
        Map<String, Object> compare = new LinkedHashMap<>();
        compare.put("runs", runs);
        compare.put("servers", executables);
        compare.put("modes", modes);
        return new Report().put("compare", compare).json();
    }
}
