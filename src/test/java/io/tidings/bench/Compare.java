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
import java.util.List;

/**
 * {@code scripts/bench compare [--peers node-ws,bun] [--runs N] MODE... [options]} ({@link CompareOptions}): each
 * mode against Tidings and each peer back to back, every run a fresh bench process starting a fresh server with the same options (and so
 * the same warm-up), servers taking turns in a rotating order over --runs rounds. Prints one table of the
 * headline figures with each one's ratio to the best peer ({@link CompareTable}), and as the last line the same
 * as JSON; each run's whole report is kept under target/bench-compare/.
 */
final class Compare {
    private final CompareOptions options;

    private Compare(CompareOptions options) {
        this.options = options;
    }

    static void main(String[] args) throws Exception {
        Compare compare;
        try {
            compare = new Compare(new CompareOptions(args));
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
        for (String peer : options.peers) {
            new Peer(peer, options.parse(options.modes.get(0)).peersDir).install();
        }
        Path folder = Path.of("target", "bench-compare",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        List<String> servers = options.servers;
        CompareTable table = new CompareTable(servers, options.peers, options.runs, ProcStats.loadAverage());
        for (String mode : options.modes) {
            for (int round = 0; round < options.runs; round++) {
                for (int turn = 0; turn < servers.size(); turn++) {
                    String server = servers.get((turn + round) % servers.size());
                    awaitQuiet();
                    Run.progress("compare: " + mode + ", run " + (round + 1) + " of " + options.runs + ": " + server
                            + " (load " + ProcStats.loadAverage() + ")");
                    table.add(mode, server, runOne(mode, server, folder.resolve(mode + "-" + server.replace('/', '+') + "-"
                            + (round + 1) + ".txt")));
                }
            }
        }
        table.print(System.out, options.commandLine(), folder);
        System.exit(0);
    }

    /** With --quiet-load L: waits (ten minutes at most) until the one-minute load average is below L. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (options.quietLoad > 0 && System.nanoTime() < deadline
                && Double.parseDouble(ProcStats.loadAverage().split(" ")[0]) >= options.quietLoad) {
            Thread.sleep(5000);
        }
    }

    /** One bench run in a process of its own; its report's JSON line, or null when it failed. */
    private JsonObject runOne(String mode, String server, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), mode,
                "--server", options.variants.containsKey(server) ? Options.TIDINGS : server));
        command.addAll(options.passThrough);
        for (String setting : options.variants.getOrDefault(server, List.of())) {
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
}
