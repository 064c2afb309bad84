package io.tidings.bench;

import java.util.List;

/**
 * A measurement window over several processes at once: the CPU of all the cluster's processes together (nodes
 * and Redis), Redis's part, this client's, and everything else on the machine (the noise).
 */
final class ClusterMeter {
    private final List<ProcStats> processes;
    private final ProcStats redis;
    private final ProcStats client = ProcStats.self();
    private final long startNanos = System.nanoTime();
    private final long allCpu;
    private final long redisCpu;
    private final long clientCpu;
    private final long machineBusy;

    /** @param redis the Redis process among {@code processes}, or null */
    ClusterMeter(List<ProcStats> processes, ProcStats redis) {
        this.processes = processes;
        this.redis = redis;
        this.allCpu = sum(processes);
        this.redisCpu = redis == null ? 0 : redis.cpuNanos();
        this.clientCpu = client.cpuNanos();
        this.machineBusy = client.machineBusyNanos();
    }

    private static long sum(List<ProcStats> processes) {
        long total = 0;
        for (ProcStats process : processes) {
            if (process.alive()) {
                total += process.cpuNanos();
            }
        }
        return total;
    }

    Window stop() {
        long all = sum(processes) - allCpu;
        long redisNanos = redis == null ? 0 : redis.cpuNanos() - redisCpu;
        long clientNanos = client.cpuNanos() - clientCpu;
        long others = Math.max(0, client.machineBusyNanos() - machineBusy - all - clientNanos);
        return new Window((System.nanoTime() - startNanos) / 1e9, all, redisNanos, clientNanos, others);
    }

    /** Seconds, and CPU nanoseconds: all the cluster's processes, Redis among them, the client, the others. */
    record Window(double seconds, long allCpuNanos, long redisCpuNanos, long clientCpuNanos, long otherCpuNanos) {
        long nodesCpuNanos() {
            return allCpuNanos - redisCpuNanos;
        }
    }
}
