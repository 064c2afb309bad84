package io.tidings.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench compare [--peers node-ws,bun] [--runs N] MODE... [options]}: each mode against Tidings and
 * each peer back to back, every run a fresh bench process starting a fresh server with the same options (and so
 * the same warm-up), servers taking turns in a rotating order over --runs rounds. Prints one table of the
 * headline figures with each one's ratio to the best peer ({@link CompareTable}), and as the last line the same
 * as JSON; each run's whole report is kept under target/bench-compare/.
 */
final class Compare {
    private static final List<String> DEFAULT_PEERS = List.of("node-ws", "bun");

    private final List<String> servers = new ArrayList<>(List.of(Options.TIDINGS));
    private final List<String> peers = new ArrayList<>();
    private boolean floors;
    /** Tidings run again with other settings, by column label: e.g. inbox-off -> [TIDINGS_INBOX=off]. */
    private final Map<String, List<String>> variants = new LinkedHashMap<>();
    private double quietLoad;
    private final List<String> modes = new ArrayList<>();
    private final List<String> passThrough = new ArrayList<>();
    private int runs = 1;

    /**
     * --peers, --floors, --variant, --quiet-load and --runs are the comparison's own; the modes come first; every
     * other option goes to each run. The floors (performance.md, "The floor under the figures") and Tidings'
     * variants (--variant LABEL:NAME=VALUE[,NAME=VALUE...], the server started with those settings as well) are
     * shown beside the peers but are not peers.
     */
    private Compare(String[] args) {
        List<String> peers = DEFAULT_PEERS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--peers" -> peers = Arrays.asList(value(args, ++i, "--peers").split(","));
                case "--runs" -> runs = whole(value(args, ++i, "--runs"));
                case "--floors" -> floors = true;
                case "--variant" -> variant(value(args, ++i, "--variant"));
                case "--quiet-load" -> quietLoad = Double.parseDouble(value(args, ++i, "--quiet-load"));
                default -> {
                    if (passThrough.isEmpty() && !args[i].startsWith("--")) {
                        modes.add(args[i]);
                    } else {
                        passThrough.add(args[i]);
                    }
                }
            }
        }
        this.peers.addAll(peers.stream().map(String::trim).filter(name -> !name.isEmpty()).toList());
        servers.addAll(variants.keySet());
        servers.addAll(this.peers);
        if (floors) {
            servers.addAll(List.of(ServerUnderTest.FLOOR_JAVA, ServerUnderTest.FLOOR_C));
        }
        check();
    }

    private void variant(String value) {
        int colon = value.indexOf(':');
        List<String> settings = colon < 0 ? List.of() : Arrays.asList(value.substring(colon + 1).split(","));
        if (colon <= 0 || settings.stream().anyMatch(setting -> setting.indexOf('=') <= 0)) {
            throw new IllegalArgumentException("--variant needs LABEL:NAME=VALUE[,NAME=VALUE...], not '" + value + "'");
        }
        variants.put(Options.TIDINGS + "/" + value.substring(0, colon), settings);
    }

    private static int whole(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--runs must be a whole number, not '" + value + "'");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    /** Every mode and option is checked before the first run, as the runs would check them. */
    private void check() {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("compare needs at least one mode");
        }
        if (runs < 1 || runs > 20) {
            throw new IllegalArgumentException("--runs must be 1 to 20");
        }
        for (String option : List.of("--server", "--url", "--pid", "--jfr", "--class-histogram")) {
            if (passThrough.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="))) {
                throw new IllegalArgumentException(option + " is not for compare: it starts every server itself");
            }
        }
        for (String mode : modes) {
            if (CompareTable.figuresOf(mode).isEmpty()) {
                throw new IllegalArgumentException("compare does not run mode '" + mode + "' (the peers have no"
                        + " such API, or it is not a side-by-side figure)");
            }
            List<String> line = new ArrayList<>(List.of(mode));
            line.addAll(passThrough);
            Options.parse(line.toArray(String[]::new));
        }
    }

    static void main(String[] args) throws Exception {
        Compare compare;
        try {
            compare = new Compare(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench compare: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            compare.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench compare: " + e.getMessage());
            System.exit(2);
        }
    }

    private void run() throws Exception {
        Options sample = Options.parse(new String[] {modes.get(0)});
        for (String peer : peers) {
            new Peer(peer, peersDir(sample)).install();
        }
        Path folder = Path.of("target", "bench-compare",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        CompareTable table = new CompareTable(servers, peers, runs, ProcStats.loadAverage());
        for (String mode : modes) {
            for (int round = 0; round < runs; round++) {
                for (int turn = 0; turn < servers.size(); turn++) {
                    String server = servers.get((turn + round) % servers.size());
                    awaitQuiet();
                    Run.progress("compare: " + mode + ", run " + (round + 1) + " of " + runs + ": " + server
                            + " (load " + ProcStats.loadAverage() + ")");
                    table.add(mode, server, runOne(mode, server, folder.resolve(mode + "-" + server + "-"
                            + (round + 1) + ".txt")));
                }
            }
        }
        table.print(System.out, String.join(" ", commandLine()), folder);
        System.exit(0);
    }

    /** With --quiet-load L: waits (ten minutes at most) until the one-minute load average is below L. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (quietLoad > 0 && System.nanoTime() < deadline
                && Double.parseDouble(ProcStats.loadAverage().split(" ")[0]) >= quietLoad) {
            Thread.sleep(5000);
        }
    }

    private Path peersDir(Options sample) {
        List<String> line = new ArrayList<>(List.of(sample.mode));
        line.addAll(passThrough);
        return Options.parse(line.toArray(String[]::new)).peersDir;
    }

    /** One bench run in a process of its own; its report's JSON line, or null when it failed. */
    private JsonObject runOne(String mode, String server, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), mode,
                "--server", variants.containsKey(server) ? Options.TIDINGS : server));
        command.addAll(passThrough);
        for (String setting : variants.getOrDefault(server, List.of())) {
            command.addAll(List.of("--server-env", setting));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(output.toFile()).start();
        int exit = process.waitFor();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (exit != 0 || !last.startsWith("{")) {
            Run.progress("compare: " + mode + " on " + server + " failed (exit " + exit + "); see " + output);
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(last))) {
            return reader.readObject();
        }
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of("scripts/bench", "compare", "--peers", String.join(",", peers)));
        if (floors) {
            line.add("--floors");
        }
        variants.forEach((label, settings) -> line.addAll(List.of("--variant",
                label.substring(Options.TIDINGS.length() + 1) + ":" + String.join(",", settings))));
        line.addAll(List.of("--runs", Integer.toString(runs)));
        line.addAll(modes);
        line.addAll(passThrough);
        return line;
    }
}
