package io.tidings.bench;

import java.util.List;

/**
 * Broadcasts through the API: POST /api/push {"all":true} at --rate per second to --sessions sessions. The
 * operation counted is one delivery (one frame to one session), as in the peers' figures.
 */
final class BroadcastMode implements Mode {
    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.startHeartbeats(sessions);
        String padding = "x".repeat(options.payload);
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            if (options.warmup > 0) {
                Run.progress("warm-up: " + options.warmup + " s at " + options.rate + " broadcasts/s");
                ApiDriver.drive(run, options.rate, options.warmup,
                        n -> broadcast(api, sessions, Marker.WARMUP, padding), "broadcasts");
                api.awaitIdle(Run.seconds(30));
                Thread.sleep(1000);
            }
            run.client.resetTraffic();
            api.resetOutcomes();
            run.startJfr();
            Run.progress("measured: " + options.duration + " s at " + options.rate + " broadcasts/s");
            Meter meter = run.meter();
            long[] seq = {0};
            long broadcasts = ApiDriver.drive(run, options.rate, options.duration, n -> {
                for (BenchSession session : sessions) {
                    if (session.isOpen()) {
                        session.expected.incrementAndGet();
                    }
                }
                return broadcast(api, sessions, Marker.of((int) seq[0]++, System.nanoTime()), padding);
            }, "broadcasts");
            api.awaitIdle(Run.seconds(options.drain));
            long lost = run.drain(sessions);
            Meter.Window window = meter.stop();
            run.stopJfr();
            Snapshot snapshot = run.client.snapshot();
            run.report.put("broadcasts_sent", broadcasts);
            run.putApiAnswers(api);
            run.putDeliveries(snapshot, window, lost);
            run.putCpu("delivery", window, snapshot.received());
            run.putEndings(snapshot);
        }
        run.closeAll(sessions);
    }

    private static int broadcast(ApiPusher api, List<BenchSession> sessions, String marker, String padding)
            throws InterruptedException {
        api.post("api/push", "{\"all\":true,\"event\":\"bench\",\"data\":{\"m\":\"" + marker + padding + "\"}}");
        return 1;
    }
}
