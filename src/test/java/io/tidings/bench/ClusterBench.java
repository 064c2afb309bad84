package io.tidings.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/bench alert|push|chat|failover --cluster N} ({@code mobile}: {@link ClusterMobile}). For alert,
 * push and chat, the same load twice in one
 * run: on a single node (its embedded inbox), then on N nodes sharing a Redis, with the sessions spread over the
 * nodes so that every message crosses from one node to another (an alert's neighbour is on the next node, a push is
 * sent to the node after its receiver's, a room's members sit on every node). The figures: CPU per delivery summed
 * over every process (nodes and Redis) and its ratio to the single node's, Redis scripts and commands per message
 * (a chat message: a say), latency, loss. For failover: --sessions
 * on one node of N, which is killed; each session reconnects to a surviving node and resumes from its seq.
 */
final class ClusterBench {
    private ClusterBench() {
    }

    static void run(Options options) throws Exception {
        Report report = new Report();
        report.put("mode", options.mode);
        report.put("cluster_nodes", options.cluster);
        report.put("sessions_target", options.sessions);
        report.put("rate_target", options.rate);
        report.put("duration_s", options.duration);
        report.put("nproc", Runtime.getRuntime().availableProcessors());
        report.put("load_average_before", ProcStats.loadAverage());
        switch (options.mode) {
            case "alert", "push", "chat" -> compare(options, report);
            case "failover" -> ClusterFailover.run(options, report);
            case "mobile" -> ClusterMobile.run(options, report);
            default -> throw new IllegalArgumentException("--cluster works with alert, push, chat, mobile and"
                    + " failover, not " + options.mode);
        }
        report.put("load_average_after", ProcStats.loadAverage());
        report.print(System.out);
    }

    private static void compare(Options options, Report report) throws Exception {
        Phase single = measure(options, 0, report, "single_");
        Phase cluster = measure(options, options.cluster, report, "cluster_");
        report.put("cpu_ratio_cluster_to_single", cluster.cpuPerDelivery / single.cpuPerDelivery);
        report.put("latency_p99_ratio_cluster_to_single", cluster.p99 / single.p99);
    }

    /** What one phase measured, for the comparison. */
    private record Phase(double cpuPerDelivery, double p99) {
    }

    private static Phase measure(Options options, int nodes, Report report, String prefix) throws Exception {
        Run.progress(nodes == 0 ? "phase 1: a single node" : "phase 2: " + nodes + " nodes on one Redis");
        try (ClusterRig rig = ClusterRig.start(options, nodes);
                LoadClient client = new LoadClient(rig.target(0, options), options.loops, options.sources,
                        Bench.tokens(options, rig.node(0)))) {
            int count = rig.nodes().size();
            Run run = new Run(options, rig.node(0), client);
            List<BenchSession> sessions = client.newSessions(options.sessions);
            for (BenchSession session : sessions) {
                session.toTarget(rig.target(session.index % count, options), "", null);
            }
            client.connect(sessions, options.connectRate, Run.seconds(options.connectTimeout));
            client.awaitSettled(sessions, Run.seconds(options.sessions / options.connectRate
                    + options.connectTimeout + 30));
            report.put(prefix + "sessions_held", Run.countOpen(sessions));
            boolean chat = options.mode.equals("chat");
            ChatMode.Seated seated = chat ? ChatMode.seat(run, sessions) : null;
            run.startHeartbeats(sessions, chat ? ChatMode.KEEPALIVE : HeartbeatTask.PING);
            String padding = "x".repeat(options.payload);
            List<ApiPusher> apis = new ArrayList<>();
            try {
                for (ServerUnderTest node : rig.nodes()) {
                    apis.add(new ApiPusher(node.base(), node.apiKey(), Math.max(1, options.inFlight / count)));
                }
                long[] cursor = {0};
                if (options.warmup > 0) {
                    Run.progress("warm-up: " + options.warmup + " s");
                    load(run, options, sessions, apis, cursor, seated, options.warmup, true, padding);
                    for (ApiPusher api : apis) {
                        api.awaitIdle(Run.seconds(30));
                    }
                    Thread.sleep((long) (options.warmup * 1000) + 500);
                }
                client.resetTraffic();
                apis.forEach(ApiPusher::resetOutcomes);
                long[] redisBefore = rig.redisCommands();
                long sentBefore = sessions.stream().mapToLong(s -> s.expected.get()).sum();
                Run.progress("measured: " + options.duration + " s at " + options.rate + "/s");
                ClusterMeter meter = new ClusterMeter(rig.processes(), rig.redisProcess());
                long saidBefore = chat ? seated.says() : 0;
                load(run, options, sessions, apis, cursor, seated, options.duration, false, padding);
                for (ApiPusher api : apis) {
                    api.awaitIdle(Run.seconds(options.drain));
                }
                Thread.sleep(100);
                long lost = run.drain(sessions);
                ClusterMeter.Window window = meter.stop();
                long[] redisAfter = rig.redisCommands();
                Snapshot snapshot = client.snapshot();
                long delivered = snapshot.received();
                double cpu = window.allCpuNanos() / 1e3 / delivered;
                report.put(prefix + "delivered", delivered);
                report.put(prefix + "delivered_per_s", delivered / window.seconds());
                report.put(prefix + "cpu_us_per_delivery_all_processes", cpu);
                report.put(prefix + "cpu_us_per_delivery_nodes", window.nodesCpuNanos() / 1e3 / delivered);
                report.put(prefix + "cpu_us_per_delivery_redis", window.redisCpuNanos() / 1e3 / delivered);
                report.put(prefix + "cores_busy_all_processes", window.allCpuNanos() / 1e9 / window.seconds());
                report.put(prefix + "client_cores_busy", window.clientCpuNanos() / 1e9 / window.seconds());
                report.put(prefix + "other_processes_cores_busy", window.otherCpuNanos() / 1e9 / window.seconds());
                if (chat) {
                    report.put(prefix + "says", seated.says() - saidBefore);
                }
                if (nodes > 0) {
                    // A chat message is one say (delivered to a whole room); any other, one delivery.
                    long sent = chat ? seated.says() - saidBefore
                            : sessions.stream().mapToLong(s -> s.expected.get()).sum() - sentBefore;
                    report.put(prefix + "redis_scripts_per_message", (redisAfter[0] - redisBefore[0])
                            / (double) sent);
                    report.put(prefix + "redis_commands_per_message", (redisAfter[1] - redisBefore[1])
                            / (double) sent);
                }
                report.put(prefix + "latency_p50_ms", Run.millis(snapshot.latency().quantile(0.50)));
                report.put(prefix + "latency_p99_ms", Run.millis(snapshot.latency().quantile(0.99)));
                report.put(prefix + "latency_max_ms", Run.millis(snapshot.latency().max()));
                report.put(prefix + "lost", lost);
                if (chat) {
                    report.put(prefix + "extra_from_other_rooms", sessions.stream()
                            .mapToLong(s -> Math.max(0, s.distinct() - s.expected.get())).sum());
                }
                report.put(prefix + "duplicates", snapshot.duplicates());
                report.put(prefix + "session_endings", snapshot.endings());
                if (options.mode.equals("push")) {
                    List<Object> answers = new ArrayList<>();
                    apis.forEach(api -> answers.add(api.outcomes()));
                    report.put(prefix + "api_answers", answers.toString());
                }
                run.closeAll(sessions);
                return new Phase(cpu, Run.millis(snapshot.latency().quantile(0.99)));
            } finally {
                for (ApiPusher api : apis) {
                    api.close();
                }
            }
        }
    }

    /** The phase's traffic: alerts between neighbours, or pushes each sent to the node after its receiver's. */
    private static void load(Run run, Options options, List<BenchSession> sessions, List<ApiPusher> apis,
            long[] cursor, ChatMode.Seated seated, double seconds, boolean warmup, String padding)
            throws InterruptedException {
        if (seated != null) {
            seated.say(run, sessions, seconds, warmup, padding);
            run.hold(seconds, () -> run.client.received() + " says delivered");
            return;
        }
        if (options.mode.equals("alert")) {
            AlertMode.send(run, sessions, seconds, warmup, padding);
            run.hold(seconds, () -> run.client.received() + " alerts delivered");
            return;
        }
        ApiDriver.drive(run, options.rate, seconds, n -> {
            BenchSession receiver = sessions.get((int) (cursor[0]++ % sessions.size()));
            String marker = warmup ? Marker.WARMUP : Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
            apis.get((receiver.index + 1) % apis.size()).post("api/push", "{\"uid\":\"" + receiver.uid
                    + "\",\"event\":\"bench\",\"data\":{\"m\":\"" + marker + padding + "\"}}");
            return 1;
        }, "pushes");
    }
}
