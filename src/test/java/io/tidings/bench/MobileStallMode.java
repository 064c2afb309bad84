package io.tidings.bench;

import java.util.List;

/**
 * A stalled push provider must not slow WebSocket delivery: alertTips at --rate/s between --sessions sessions,
 * measured four times on one server: alone; beside --push-rate API pushes/s to offline uids with an APNs device
 * while the mock answers at once (the control: what the pushes themselves cost); beside the same pushes while
 * the mock answers each only after --stall ms (jobs pile up behind it); and alone again. The alert p50/p99 of
 * the phases are the figures; only their ratios within one run count, the stalled phase against the control.
 */
final class MobileStallMode implements Mode {
    private MobileBench bench;

    @Override
    public AutoCloseable prepare(Options options) throws Exception {
        bench = MobileBench.start(options, 0);
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
                // Both paths warm: alerts, and offline pushes to the mock answering at once (else the control
                // phase would pay the push path's JIT).
                Run.progress("warm-up: " + options.warmup + " s, alerts and offline pushes");
                AlertMode.send(run, sessions, options.warmup, true, padding);
                offlinePushes(run, api, options.warmup);
                api.awaitIdle(Run.seconds(options.drain));
                Thread.sleep(500);
            }
            phase(run, sessions, padding, "alone", null);
            // The control: the same offline pushes to a provider that answers at once, so that what the stall
            // costs is told apart from what storing and sending the pushes costs.
            int warm = bench.apple.acceptedCount();
            phase(run, sessions, padding, "beside_answered_push", api);
            int answered = bench.apple.acceptedCount();
            run.report.put("beside_answered_push_accepted_by_mock", answered - warm);
            bench.apple.stallAll(options.stallMillis);
            phase(run, sessions, padding, "beside_stalled_push", api);
            run.report.put("push_queue_depth", MobileBench.metric(run, "tidings_push_queue_depth"));
            run.report.put("beside_stalled_push_accepted_by_mock", bench.apple.acceptedCount() - answered);
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
            pushes = offlinePushes(run, api, options.duration);
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

    /** API pushes at --push-rate/s for that long, each to an offline uid with a device; returns how many. */
    private long offlinePushes(Run run, ApiPusher api, double seconds) throws Exception {
        int devices = bench.tokens.size();
        return ApiDriver.drive(run, run.options.pushRate, seconds, n -> {
            api.post("api/push", "{\"uid\":\"" + MobileBench.uid((int) (n % devices)) + "\",\"event\":\"bench\"}");
            return 1;
        }, "offline pushes");
    }
}
