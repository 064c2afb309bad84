package io.tidings.bench;

import io.tidings.auth.JwtToken;
import io.tidings.auth.LegacyToken;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * {@code scripts/bench}: the load tool. It starts the server as a process of its own (or measures one given by
 * --url and --pid), drives it through a low-overhead WebSocket client of its own, and prints the figures as a
 * table and as one JSON line (the last line of output). Every run is bounded by --timeout.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) {
            Compare.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        startWatchdog(options.timeout);
        if (options.cluster > 0) {
            ClusterBench.run(options);
            System.exit(0);
            return;
        }
        Mode mode = Mode.named(options.mode);
        String loadBefore = ProcStats.loadAverage();
        try (AutoCloseable prepared = mode.prepare(options); ServerUnderTest server = server(options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            WsTarget target = new WsTarget(new InetSocketAddress(server.base().getHost(), server.base().getPort()),
                    server.base().getHost() + ":" + server.base().getPort(), mode.path(), options.deflate);
            try (LoadClient client = new LoadClient(target, options.loops, options.sources, tokens(options, server))) {
                Run run = new Run(options, server, client);
                describe(run, loadBefore);
                mode.run(run);
                run.report.put("load_average_after", ProcStats.loadAverage());
                run.report.print(System.out);
            }
        }
        System.exit(0);
    }

    private static ServerUnderTest server(Options options) throws Exception {
        if (options.url == null && options.server.equals(Options.TIDINGS)) {
            Run.progress("starting the server (scripts/run)");
            return ServerUnderTest.start(options.serverEnv, Path.of("target", "bench-server.log"));
        }
        if (options.url == null && options.server.startsWith("floor-")) {
            Run.progress("starting the floor server " + options.server);
            return ServerUnderTest.startFloor(options.server, Path.of("target", "bench-" + options.server + ".log"));
        }
        if (options.url == null) {
            Run.progress("starting peer " + options.server);
            return ServerUnderTest.startPeer(new Peer(options.server, options.peersDir),
                    Path.of("target", "bench-" + options.server + ".log"));
        }
        if (options.pid <= 0) {
            throw new IllegalArgumentException("--url needs --pid, the server's process id, for the /proc figures");
        }
        return ServerUnderTest.attach(options.url, options.pid, options.key, options.apiKey);
    }

    static Function<String, String> tokens(Options options, ServerUnderTest server) {
        if (options.jwt) {
            JwtToken jwt = new JwtToken(server.key(), Clock.systemUTC());
            return uid -> jwt.issue(uid, Duration.ofHours(2));
        }
        return uid -> LegacyToken.issue(uid, server.key());
    }

    private static void describe(Run run, String loadBefore) {
        Options options = run.options;
        run.report.put("mode", options.mode);
        run.report.put("server", options.url == null ? options.server : options.url.toString());
        run.report.put("server_executable", run.server.executable());
        run.report.put("server_start_s", run.server.startSeconds());
        run.report.put("sessions_target", options.sessions);
        run.report.put("rate_target", options.rate);
        run.report.put("duration_s", options.duration);
        run.report.put("deflate_offered", options.deflate);
        run.report.put("token", options.jwt ? "jwt" : "legacy");
        run.report.put("client_loops", options.loops);
        run.report.put("server_pid", run.server.proc().pid());
        run.report.put("server_jvm_options", run.server.jvmOptions());
        run.report.put("nproc", Runtime.getRuntime().availableProcessors());
        run.report.put("load_average_before", loadBefore);
    }

    /** Ends the whole run, server included (shutdown hook), if it overruns its time. */
    private static void startWatchdog(double seconds) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                System.err.println("bench: hard timeout of " + (long) seconds + " s reached; stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                // run finished
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
