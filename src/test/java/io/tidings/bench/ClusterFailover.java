package io.tidings.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/bench failover --cluster N}: --sessions sessions all on node 0 of N; node 0 is killed (SIGKILL);
 * one message is pushed to every one of those users while they are away; then each reconnects, in a storm at
 * --rate connects per second, to a surviving node with the seq and epoch it last saw, as tidings.js does. Every
 * session must be resumed with its missed message and nothing twice.
 */
final class ClusterFailover {
    private ClusterFailover() {
    }

    static void run(Options options, Report report) throws Exception {
        if (options.cluster < 2) {
            throw new IllegalArgumentException("failover needs --cluster 2 or more: a node to kill and one to resume on");
        }
        try (ClusterRig rig = ClusterRig.start(options, options.cluster);
                LoadClient client = new LoadClient(rig.target(0, options), options.loops, options.sources,
                        Bench.tokens(options, rig.node(0)))) {
            Run run = new Run(options, rig.node(1), client);
            List<BenchSession> first = client.newSessions(options.sessions);
            for (BenchSession session : first) {
                session.toTarget(rig.target(0, options), "", new ResumePosition());
            }
            Run.progress("opening " + first.size() + " sessions on node-0");
            client.connect(first, options.connectRate, Run.seconds(options.connectTimeout));
            client.awaitSettled(first, Run.seconds(options.sessions / options.connectRate + options.connectTimeout + 30));
            report.put("sessions_on_the_killed_node", Run.countOpen(first));
            awaitWelcomes(first);
            Run.progress("kill -9 node-0");
            rig.kill(0);
            long killed = System.nanoTime();
            long deadline = killed + Run.seconds(30).toNanos();
            while (Run.countOpen(first) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<BenchSession> again = new ArrayList<>(first.size());
            for (BenchSession session : first) {
                again.add(client.again(session));
            }
            pushMissed(rig, again, options);
            for (int i = 0; i < again.size(); i++) {
                again.get(i).toTarget(rig.target(1 + i % (options.cluster - 1), options),
                        first.get(i).position().resumeQuery(), new ResumePosition());
            }
            client.resetTraffic();
            client.resetConnects();
            long openedBefore = client.opened();
            Run.progress("reconnect storm: " + again.size() + " sessions at " + options.rate + "/s onto "
                    + (options.cluster - 1) + " surviving nodes");
            ClusterMeter meter = new ClusterMeter(rig.processes().subList(1, rig.processes().size()),
                    rig.redisProcess());
            long stormStart = System.nanoTime();
            client.connect(again, options.rate, Run.seconds(options.connectTimeout));
            client.awaitSettled(again, Run.seconds(again.size() / options.rate + options.connectTimeout + 30));
            long lost = run.drain(again);
            long resumedBy = awaitResumed(again, Run.seconds(60).toNanos());
            ClusterMeter.Window window = meter.stop();
            Snapshot snapshot = client.snapshot();
            long recovered = again.stream().filter(s -> s.position().resumed() > 0 && s.position().recovered())
                    .count();
            report.put("reconnected", snapshot.opened() - openedBefore);
            report.put("resumed_recovered", recovered);
            report.put("missed_replayed", snapshot.received());
            report.put("lost", lost);
            report.put("duplicates", snapshot.duplicates());
            report.put("storm_seconds_to_all_resumed", (resumedBy - stormStart) / 1e9);
            report.put("reconnect_p50_ms", Run.millis(snapshot.connect().quantile(0.5)));
            report.put("reconnect_p99_ms", Run.millis(snapshot.connect().quantile(0.99)));
            report.put("cpu_us_per_resume_survivors_and_redis", window.allCpuNanos() / 1e3 / Math.max(1, recovered));
            report.put("session_endings", snapshot.endings());
            run.closeAll(again);
        }
    }

    /** Every session has its position (its welcome arrived), at most a minute. */
    private static void awaitWelcomes(List<BenchSession> sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Run.seconds(60).toNanos();
        for (BenchSession session : sessions) {
            while (session.isOpen() && session.position().seq() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    /** One counted message to each uid while it is away, through a surviving node's batch API. */
    private static void pushMissed(ClusterRig rig, List<BenchSession> again, Options options) throws Exception {
        try (ApiPusher api = new ApiPusher(rig.node(1).base(), rig.node(1).apiKey(), options.inFlight)) {
            StringBuilder batch = new StringBuilder();
            int inBatch = 0;
            for (BenchSession session : again) {
                batch.append(inBatch == 0 ? "{\"pushes\":[" : ",").append("{\"uid\":\"").append(session.uid)
                        .append("\",\"event\":\"missed\",\"data\":{\"m\":\"")
                        .append(Marker.of(session.expected.getAndIncrement(), System.nanoTime())).append("\"}}");
                if (++inBatch == 500) {
                    api.post("api/push/batch", batch.append("]}").toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                api.post("api/push/batch", batch.append("]}").toString());
            }
            api.awaitIdle(Run.seconds(60));
            if (!api.outcomes().keySet().stream().allMatch(outcome -> outcome.startsWith("200"))) {
                throw new IllegalStateException("pushes while away were refused: " + api.outcomes());
            }
        }
    }

    /** When the last session said resumed (nanoTime), waiting at most the given time. */
    private static long awaitResumed(List<BenchSession> sessions, long limitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + limitNanos;
        for (BenchSession session : sessions) {
            while (session.isOpen() && session.position().resumed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
        return System.nanoTime();
    }
}
