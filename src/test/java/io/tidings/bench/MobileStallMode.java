package io.tidings.bench;

import java.util.List;

/**
 * A stalled push provider must not slow WebSocket delivery: alertTips at --rate/s between --sessions sessions,
 * measured three times on one server: alone, beside --push-rate API pushes/s to offline uids with an APNs device
 * while the mock answers each push only after --stall ms (jobs pile up behind it), and alone again. The alert
 * p50/p99 of the three phases are the figures; only their ratio within one run counts.
 */
final class MobileStallMode implements Mode {
    private MobileBench bench;

    @Override
    public AutoCloseable prepare(Options options) throws Exception {
        bench = MobileBench.start(options, 0);
        bench.apple.stallAll(options.stallMillis);
        return bench;
    }

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.startHeartbeats(sessions);
        String padding = "x".repeat(options.payload);
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            bench.register(run, api);
            if (options.warmup > 0) {
                Run.progress("warm-up: " + options.warmup + " s");
                AlertMode.send(run, sessions, options.warmup, true, padding);
                Thread.sleep((long) (options.warmup * 1000) + 500);
            }
            phase(run, sessions, padding, "alone", null);
            phase(run, sessions, padding, "beside_stalled_push", api);
            run.report.put("push_queue_depth", MobileBench.metric(run, "tidings_push_queue_depth"));
            run.report.put("push_accepted_by_mock", bench.apple.acceptedCount());
            phase(run, sessions, padding, "alone_again", null);
        }
        run.closeAll(sessions);
    }

    /** One measured phase of alerts, with offline pushes beside them when an API client is given. */
    private void phase(Run run, List<BenchSession> sessions, String padding, String name, ApiPusher api)
            throws Exception {
        Options options = run.options;
        run.client.resetTraffic();
        Run.progress(name + ": " + options.duration + " s at " + options.rate + " alerts/s"
                + (api == null ? "" : " and " + options.pushRate + " offline pushes/s"));
        Meter meter = run.meter();
        AlertMode.send(run, sessions, options.duration, false, padding);
        long pushes = 0;
        if (api != null) {
            int devices = bench.tokens.size();
            pushes = ApiDriver.drive(run, options.pushRate, options.duration, n -> {
                api.post("api/push", "{\"uid\":\"" + MobileBench.uid((int) (n % devices)) + "\",\"event\":\"bench\"}");
                return 1;
            }, "offline pushes");
        } else {
            run.hold(options.duration, () -> run.client.received() + " alerts delivered");
        }
        Thread.sleep(100);
        long lost = run.drain(sessions);
        Meter.Window window = meter.stop();
        Snapshot snapshot = run.client.snapshot();
        run.report.put(name + "_alerts", snapshot.received());
        run.report.put(name + "_lost", lost);
        run.report.put(name + "_p50_ms", Run.millis(snapshot.latency().quantile(0.50)));
        run.report.put(name + "_p99_ms", Run.millis(snapshot.latency().quantile(0.99)));
        run.report.put(name + "_server_cores_busy", window.serverCores());
        if (api != null) {
            api.awaitIdle(Run.seconds(options.drain));
            run.report.put(name + "_offline_pushes", pushes);
            run.report.put(name + "_api_answers", api.outcomes());
        }
    }
}
