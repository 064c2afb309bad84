package io.tidings.bench;

import java.util.Map;

/**
 * One measurement window, started by {@link Run#meter}: wall time, the server's CPU (all of it, the kernel's part,
 * by thread), this client's CPU, and what every other process on the machine used meanwhile (the noise).
 */
final class Meter {
    private final ProcStats server;
    private final ProcStats client;
    private final long startNanos = System.nanoTime();
    private final long serverCpu;
    private final long serverSystem;
    private final long clientCpu;
    private final long machineBusy;
    private final ThreadCpu serverThreads;

    Meter(ProcStats server, ProcStats client) {
        this.server = server;
        this.client = client;
        this.serverCpu = server.cpuNanos();
        this.serverSystem = server.systemNanos();
        this.clientCpu = client.cpuNanos();
        this.machineBusy = client.machineBusyNanos();
        this.serverThreads = server.threadCpu();
    }

    Window stop() {
        long serverNanos = server.cpuNanos() - serverCpu;
        long clientNanos = client.cpuNanos() - clientCpu;
        long others = Math.max(0, client.machineBusyNanos() - machineBusy - serverNanos - clientNanos);
        Map<String, Long> byThread = server.threadCpu().since(serverThreads);
        return new Window((System.nanoTime() - startNanos) / 1e9, serverNanos, server.systemNanos() - serverSystem,
                clientNanos, others, ThreadCpu.compilerNanos(byThread), ThreadCpu.percentages(byThread));
    }

    /** A finished window: seconds, and CPU nanoseconds of the server, the client and every other process. */
    record Window(double seconds, long serverCpuNanos, long serverSystemNanos, long clientCpuNanos,
            long otherCpuNanos, long serverJitNanos, Map<String, Double> serverThreadShares) {
        double serverCores() {
            return serverCpuNanos / 1e9 / seconds;
        }

        double otherCores() {
            return otherCpuNanos / 1e9 / seconds;
        }
    }
}
