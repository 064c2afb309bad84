package io.tidings.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What every mode needs: the server, the client, the report, and the shared steps of a measurement. */
final class Run {
    final Options options;
    final ServerUnderTest server;
    final LoadClient client;
    final Report report = new Report();
    private final ProcStats self = ProcStats.self();

    Run(Options options, ServerUnderTest server, LoadClient client) {
        this.options = options;
        this.server = server;
        this.client = client;
    }

    /** Opens sessions at the given rate and waits for them to settle; failures show in the report, not here. */
    List<BenchSession> open(int count, double perSecond) throws InterruptedException {
        List<BenchSession> sessions = client.newSessions(count);
        client.connect(sessions, perSecond, seconds(options.connectTimeout));
        client.awaitSettled(sessions, seconds(count / perSecond + options.connectTimeout + 30));
        return sessions;
    }

    /** Closes the sessions and waits (bounded) until the client has seen each one end. */
    void closeAll(List<BenchSession> sessions) throws InterruptedException {
        client.close(sessions);
        long deadline = System.nanoTime() + seconds(10).toNanos();
        for (BenchSession session : sessions) {
            while (!session.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        client.forEachOnItsLoop(sessions, BenchSession::abort);
    }

    static long countOpen(List<BenchSession> sessions) {
        return sessions.stream().filter(BenchSession::isOpen).count();
    }

    /** Starts a CPU and wall-clock measurement of the server and of this client. */
    Meter meter() {
        return new Meter(server.proc(), self);
    }

    /** Reports CPU per operation for a window: the server's (the figure that matters) and the client's. */
    void putCpu(String operation, Meter.Window window, long operations) {
        report.put("server_cpu_us_per_" + operation, operations == 0 ? Double.NaN
                : window.serverCpuNanos() / 1e3 / operations);
        report.put("server_cpu_us_per_" + operation + "_without_jit", operations == 0 ? Double.NaN
                : (window.serverCpuNanos() - window.serverJitNanos()) / 1e3 / operations);
        report.put("client_cpu_us_per_" + operation, operations == 0 ? Double.NaN
                : window.clientCpuNanos() / 1e3 / operations);
        report.put("server_cpu_kernel_share", window.serverCpuNanos() == 0 ? 0.0
                : window.serverSystemNanos() / (double) window.serverCpuNanos());
        report.put("server_cores_busy", window.serverCores());
        report.put("server_cpu_percent_by_thread", window.serverThreadShares());
        putNoise(window);
    }

    /** How busy the rest of the machine was: figures taken beside other busy processes are less reliable. */
    void putNoise(Meter.Window window) {
        report.put("client_cores_busy", window.clientCpuNanos() / 1e9 / window.seconds());
        report.put("other_processes_cores_busy", window.otherCores());
    }

    /** Waits until every receiver has every message addressed to it, at most --drain seconds; returns lost. */
    long drain(List<BenchSession> receivers) throws InterruptedException {
        long deadline = System.nanoTime() + seconds(options.drain).toNanos();
        while (true) {
            long missing = missing(receivers);
            if (missing <= 0 || System.nanoTime() > deadline) {
                return Math.max(0, missing);
            }
            Thread.sleep(10);
        }
    }

    private static long missing(List<BenchSession> receivers) {
        long missing = 0;
        for (BenchSession session : receivers) {
            missing += session.expected.get() - session.distinct();
        }
        return missing;
    }

    void putDeliveries(Snapshot snapshot, Meter.Window window, long lost) {
        report.put("delivered", snapshot.received());
        report.put("delivered_per_s", snapshot.received() / window.seconds());
        report.put("latency_p50_ms", millis(snapshot.latency().quantile(0.50)));
        report.put("latency_p90_ms", millis(snapshot.latency().quantile(0.90)));
        report.put("latency_p99_ms", millis(snapshot.latency().quantile(0.99)));
        report.put("latency_max_ms", millis(snapshot.latency().max()));
        report.put("lost", lost);
        report.put("duplicates", snapshot.duplicates());
    }

    void putConnects(Snapshot snapshot) {
        report.put("connect_p50_ms", millis(snapshot.connect().quantile(0.50)));
        report.put("connect_p99_ms", millis(snapshot.connect().quantile(0.99)));
        report.put("connect_max_ms", millis(snapshot.connect().max()));
    }

    /** How the API answered: counts by status, and the first error answer if there was one. */
    void putApiAnswers(ApiPusher api) {
        report.put("api_answers", api.outcomes());
        if (api.firstError() != null) {
            report.put("api_first_error", api.firstError());
        }
    }

    void putEndings(Snapshot snapshot) {
        if (options.deflate) {
            report.put("sessions_deflate_negotiated", snapshot.deflateNegotiated());
        }
        report.put("session_endings", snapshot.endings());
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /**
     * Full GC in the server, then its RSS (KiB) and heap in use (KiB) once things have settled. A peer that is no
     * JVM cannot be asked for either: its RSS is read as it is, its heap as -1.
     */
    long[] memoryAfterGc() throws InterruptedException {
        boolean jvm = server.isJvm();
        if (jvm) {
            server.proc().gc();
        }
        Thread.sleep(1000);
        return new long[] {server.proc().rssKib(), jvm ? server.proc().heapUsedKib() : -1};
    }

    void startJfr() {
        if (options.jfr != null && !server.isJvm()) {
            progress("JFR: the server is not a JVM; no recording");
        } else if (options.jfr != null) {
            String out = server.proc().jcmd("JFR.start", "name=bench", "settings=profile",
                    "filename=" + options.jfr);
            progress("JFR: " + (out == null ? "could not start" : "recording to " + options.jfr));
        }
    }

    void stopJfr() {
        if (options.jfr != null && server.isJvm()) {
            server.proc().jcmd("JFR.stop", "name=bench");
            report.put("jfr", options.jfr.toString());
        }
    }

    /** Sleeps for the given time, printing a progress line every --report-every seconds. */
    void hold(double totalSeconds, java.util.function.Supplier<String> status) throws InterruptedException {
        long end = System.nanoTime() + seconds(totalSeconds).toNanos();
        long every = seconds(Math.max(1, options.reportEvery)).toNanos();
        long next = System.nanoTime() + every;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() >= next && System.nanoTime() < end) {
                progress(status.get());
                next += every;
            }
        }
    }

    void startHeartbeats(List<BenchSession> sessions) {
        if (options.heartbeat <= 0) {
            return;
        }
        for (ClientLoop loop : client.loops()) {
            List<BenchSession> share = sessions.stream().filter(s -> client.loopOf(s) == loop).toList();
            loop.addTask(new HeartbeatTask(share, options.heartbeat));
        }
    }

    static void progress(String line) {
        System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
