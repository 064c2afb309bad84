package io.tidings.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server being measured: either one the bench starts itself, as its own process through {@code scripts/run}
 * (so it runs with exactly the JVM settings users get, and its CPU and memory are its own in /proc), or one
 * already running, given by URL and pid. Bench traffic only ever goes to a loopback address.
 */
final class ServerUnderTest implements AutoCloseable {
    static final String BENCH_KEY = "bench-key-0123456789abcdef0123456789abcdef";
    static final String BENCH_API_KEY = "bench-api-key-0123456789abcdef";
    static final String FLOOR_JAVA = "floor-java";
    static final String FLOOR_C = "floor-c";
    /** Tidings' "listening on port N" and the peers' "listening on 127.0.0.1:N". */
    private static final Pattern LISTENING = Pattern.compile("listening on (?:port |[^\\s:]+:)(\\d+)");

    private final URI base;
    private final String key;
    private final String apiKey;
    private final ProcStats proc;
    private final Process process;
    private final double startSeconds;

    private ServerUnderTest(URI base, String key, String apiKey, ProcStats proc, Process process,
            double startSeconds) {
        this.base = base;
        this.key = key;
        this.apiKey = apiKey;
        this.proc = proc;
        this.process = process;
        this.startSeconds = startSeconds;
    }

    /** Starts scripts/run on a free loopback port with the bench keys; its output goes to the log file. */
    static ServerUnderTest start(Map<String, String> extraEnvironment, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("scripts/run");
        Map<String, String> env = builder.environment();
        env.remove("TIDINGS_DEV");
        env.put("TIDINGS_PORT", "0");
        env.put("TIDINGS_HOST", "127.0.0.1");
        env.put("TIDINGS_KEY", BENCH_KEY);
        env.put("TIDINGS_API_KEY", BENCH_API_KEY);
        // Every server measured starts with an empty inbox of its own, beside its log.
        Files.createDirectories(log.toAbsolutePath().getParent());
        env.put("TIDINGS_DATA_DIR", Files.createTempDirectory(log.toAbsolutePath().getParent(), "inbox-")
                .toString());
        env.putAll(extraEnvironment);
        return launch(builder, log);
    }

    /** Starts a peer server (installed first if need be) on a free loopback port with the bench keys. */
    static ServerUnderTest startPeer(Peer peer, Path log) throws Exception {
        peer.install();
        return launch(new ProcessBuilder(peer.command(Peer.freePort(), BENCH_KEY, BENCH_API_KEY)), log);
    }

    /**
     * Starts a floor server (README, "The floor under the figures"): {@code floor-java} or {@code floor-c}, through
     * scripts/bench floor-server on a free port. Not a server: it answers the bench's traffic and nothing else.
     */
    static ServerUnderTest startFloor(String name, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/bench", "floor-server"));
        if (name.equals(FLOOR_C)) {
            command.add("--c");
        }
        command.add("0");
        return launch(new ProcessBuilder(command), log);
    }

    /** Runs the server's command and waits (bounded) for the line that says which port it listens on. */
    private static ServerUnderTest launch(ProcessBuilder builder, Path log) throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        long started = System.nanoTime();
        Process process = builder.redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyOutput(process, log, port), "bench-server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            int bound = port.get(180, TimeUnit.SECONDS);
            return new ServerUnderTest(URI.create("http://127.0.0.1:" + bound + "/"), BENCH_KEY, BENCH_API_KEY,
                    new ProcStats(process.pid()), process, (System.nanoTime() - started) / 1e9);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start (see " + log + "): " + e.getMessage(), e);
        }
    }

    /** A server someone else started: base URL http(s)/ws(s)://loopback:port/, its pid and its keys. */
    static ServerUnderTest attach(URI url, long pid, String key, String apiKey) throws IOException {
        InetAddress host = InetAddress.getByName(url.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url must point at this machine's loopback (127.0.0.0/8 or ::1),"
                    + " not " + url.getHost());
        }
        URI base = URI.create("http://" + url.getHost() + ":" + url.getPort() + "/");
        return new ServerUnderTest(base, key, apiKey, new ProcStats(pid), null, Double.NaN);
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server exited"));
    }

    /** http://127.0.0.1:port/ */
    URI base() {
        return base;
    }

    /**
     * Seconds from starting the server's command to its "listening" line: what a restart keeps clients waiting
     * before its port opens (a build by scripts/run included, if one was due); NaN for an attached server.
     */
    double startSeconds() {
        return startSeconds;
    }

    String key() {
        return key;
    }

    String apiKey() {
        return apiKey;
    }

    ProcStats proc() {
        return proc;
    }

    /** The server's executable (/proc/PID/exe): which JDK, Node or Bun binary runs it. */
    String executable() {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(proc.pid()), "exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    /** Whether the server is a JVM, which jcmd can ask for a GC, its heap and a JFR recording. */
    boolean isJvm() {
        return executable().endsWith("/java");
    }

    /** The server's JVM options as its command line shows them (for the report). */
    String jvmOptions() {
        try {
            String[] args = Files.readString(Path.of("/proc", Long.toString(proc.pid()), "cmdline")).split("\0");
            StringBuilder options = new StringBuilder();
            for (String arg : args) {
                if (arg.startsWith("-X") || arg.startsWith("-XX")) {
                    options.append(options.length() == 0 ? "" : " ").append(arg);
                }
            }
            return options.toString();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Stops a server the bench started (SIGTERM, then SIGKILL after 15 s); leaves an attached one alone. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
