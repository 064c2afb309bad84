package io.tidings.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code scripts/bench mobile --cluster N}: {@link MobileMode}'s load (--devices offline uids with an APNs device
 * each, one API push each in batches, their jobs due together when a 10 s collapse window ends) on a single node,
 * then on N nodes sharing a Redis, each phase with a warm-up round and a measured one. In the cluster the devices
 * are registered through node 0 and the pushes spread over every node, so every node makes jobs and every node's
 * pump competes for them. Figures per phase: pushes/s, CPU per push job summed over every process (nodes and
 * Redis), Redis scripts and commands per job, pushes per device (one each: none lost, none sent twice), and each
 * node's share of the sends.
 */
final class ClusterMobile {
    private static final int COLLAPSE_SECONDS = 10;
    private static final String ACCEPTED = "tidings_push_sends_total{outcome=\"accepted\",provider=\"apns\"}";

    private ClusterMobile() {
    }

    static void run(Options options, Report report) throws Exception {
        try (MobileBench bench = MobileBench.start(options, COLLAPSE_SECONDS)) {
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            bench.apple.onAccepted(count -> {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
            });
            double single = phase(options, 0, bench, first, last, report, "single_");
            double cluster = phase(options, options.cluster, bench, first, last, report, "cluster_");
            report.put("cpu_ratio_cluster_to_single", cluster / single);
        }
    }

    /** One phase: registrations, a warm-up round, a measured round; returns the CPU per job (µs). */
    private static double phase(Options options, int nodes, MobileBench bench, AtomicLong first, AtomicLong last,
            Report report, String prefix) throws Exception {
        Run.progress(nodes == 0 ? "phase 1: a single node" : "phase 2: " + nodes + " nodes on one Redis");
        try (ClusterRig rig = ClusterRig.start(options, nodes)) {
            List<ApiPusher> apis = new ArrayList<>();
            try {
                for (ServerUnderTest node : rig.nodes()) {
                    apis.add(new ApiPusher(node.base(), node.apiKey(), Math.max(1, options.inFlight / rig.nodes()
                            .size())));
                }
                register(bench, apis.get(0));
                for (ServerUnderTest node : rig.nodes()) {
                    awaitMetric(node, "tidings_push_devices", bench.tokens.size(), "every device on " + node.base());
                }
                round(options, rig, bench, apis, "warm-up");
                for (ServerUnderTest node : rig.nodes()) {
                    awaitMetric(node, "tidings_push_queue_depth", 0, "an empty queue after the warm-up");
                }
                report.put(prefix + "warmup_pushes_per_device", perDevice(bench, 0).values().stream()
                        .collect(Collectors.groupingBy(n -> n, Collectors.counting())).toString());
                report.put(prefix + "warmup_api_answers", answers(apis));
                apis.forEach(ApiPusher::resetOutcomes);
                first.set(0);
                int before = bench.apple.acceptedCount();
                double[] sendsBefore = sends(rig);
                long[] redisBefore = rig.redisCommands();
                ClusterMeter meter = round(options, rig, bench, apis, "measured");
                ClusterMeter.Window window = meter.stop();
                long[] redisAfter = rig.redisCommands();
                for (ServerUnderTest node : rig.nodes()) {
                    awaitMetric(node, "tidings_push_queue_depth", 0, "an empty queue");
                }
                int accepted = bench.apple.acceptedCount() - before;
                Map<String, Long> perDevice = perDevice(bench, before);
                double seconds = (last.get() - first.get()) / 1e9;
                double cpu = window.allCpuNanos() / 1e3 / accepted;
                report.put(prefix + "api_answers", answers(apis));
                report.put(prefix + "accepted", accepted);
                report.put(prefix + "distinct_devices", perDevice.size());
                report.put(prefix + "devices_pushed_twice", perDevice.values().stream().filter(n -> n > 1).count());
                report.put(prefix + "pushes_per_s", seconds > 0 ? accepted / seconds : Double.NaN);
                report.put(prefix + "cpu_us_per_push_job_all_processes", cpu);
                report.put(prefix + "cpu_us_per_push_job_nodes", window.nodesCpuNanos() / 1e3 / accepted);
                report.put(prefix + "cpu_us_per_push_job_redis", window.redisCpuNanos() / 1e3 / accepted);
                report.put(prefix + "client_and_mock_cores_busy", window.clientCpuNanos() / 1e9 / window.seconds());
                report.put(prefix + "other_processes_cores_busy", window.otherCpuNanos() / 1e9 / window.seconds());
                if (nodes > 0) {
                    report.put(prefix + "redis_scripts_per_job", (redisAfter[0] - redisBefore[0]) / (double) accepted);
                    report.put(prefix + "redis_commands_per_job", (redisAfter[1] - redisBefore[1])
                            / (double) accepted);
                    double[] sendsAfter = sends(rig);
                    List<Long> shares = new ArrayList<>();
                    for (int i = 0; i < sendsAfter.length; i++) {
                        shares.add(Math.round(sendsAfter[i] - sendsBefore[i]));
                    }
                    report.put(prefix + "sends_per_node", shares.toString());
                }
                report.put(prefix + "jobs_made_skipped_store_failures", List.of(
                        sum(rig, "tidings_push_jobs_made_total{kind=\"offline\"}"),
                        sum(rig, "tidings_push_jobs_skipped_total{reason=\"read\"}")
                                + sum(rig, "tidings_push_jobs_skipped_total{reason=\"no_device\"}"),
                        sum(rig, "tidings_push_store_failures_total")).toString());
                return cpu;
            } finally {
                for (ApiPusher api : apis) {
                    api.close();
                }
            }
        }
    }

    private static void register(MobileBench bench, ApiPusher api) throws InterruptedException {
        Run.progress("registering " + bench.tokens.size() + " devices");
        for (int i = 0; i < bench.tokens.size(); i++) {
            api.post("api/devices", "{\"uid\":\"" + MobileBench.uid(i) + "\",\"platform\":\"apns\",\"token\":\""
                    + bench.tokens.get(i) + "\"}");
        }
        api.awaitIdle(Run.seconds(120));
    }

    /** Pushes the mock accepted per device, from the {@code skip}-th on. */
    private static Map<String, Long> perDevice(MobileBench bench, int skip) {
        return bench.apple.received().stream().skip(skip).collect(Collectors.groupingBy(r -> r.token(),
                Collectors.counting()));
    }

    /** Each node's API answers (a push answered 503 was not stored: no job, the backend retries it). */
    private static String answers(List<ApiPusher> apis) {
        return apis.stream().map(api -> api.outcomes().toString()).toList().toString();
    }

    private static long sum(ClusterRig rig, String series) {
        return Math.round(rig.nodes().stream().mapToDouble(node -> MobileBench.metric(node, series)).sum());
    }

    private static double[] sends(ClusterRig rig) {
        return rig.nodes().stream().mapToDouble(node -> MobileBench.metric(node, ACCEPTED)).toArray();
    }

    private static void awaitMetric(ServerUnderTest node, String series, double value, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Run.seconds(120).toNanos();
        while (MobileBench.metric(node, series) != value) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within 120 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Pushes once to every uid, through the nodes in turn, waits for the jobs to fall due, and measures until the
     * mock took them all: the meter is started when they are due.
     */
    private static ClusterMeter round(Options options, ClusterRig rig, MobileBench bench, List<ApiPusher> apis,
            String name) throws InterruptedException {
        int devices = bench.tokens.size();
        Run.progress(name + ": pushing to " + devices + " offline uids through " + apis.size() + " node(s)");
        int before = bench.apple.acceptedCount();
        long pushed = System.nanoTime();
        for (int from = 0, turn = 0; from < devices; from += options.batch, turn++) {
            StringBuilder body = new StringBuilder("{\"pushes\":[");
            for (int i = from; i < Math.min(devices, from + options.batch); i++) {
                body.append(i == from ? "" : ",").append("{\"uid\":\"").append(MobileBench.uid(i))
                        .append("\",\"event\":\"bench\"}");
            }
            apis.get(turn % apis.size()).post("api/push/batch", body.append("]}").toString());
        }
        for (ApiPusher api : apis) {
            api.awaitIdle(Run.seconds(120));
        }
        long due = pushed + Run.seconds(COLLAPSE_SECONDS - 0.5).toNanos();
        while (System.nanoTime() < due) {
            Thread.sleep(10);
        }
        ClusterMeter meter = new ClusterMeter(rig.processes(), rig.redisProcess());
        long deadline = System.nanoTime() + Run.seconds(Math.max(120, devices / 50.0)).toNanos();
        while (bench.apple.acceptedCount() < before + devices && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return meter;
    }
}
