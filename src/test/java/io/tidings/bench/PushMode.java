package io.tidings.bench;

import java.util.List;

/**
 * Backend pushes through the API to single uids: push sends one POST /api/push per message, batch-push sends
 * --batch pushes per POST /api/push/batch. --rate is pushes per second either way; receivers are the sessions in
 * turn. Latency runs from just before the request is handed to the HTTP client to the frame's arrival.
 */
final class PushMode implements Mode {
    private final boolean batched;

    PushMode(boolean batched) {
        this.batched = batched;
    }

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.startHeartbeats(sessions);
        String padding = "x".repeat(options.payload);
        int perRequest = batched ? options.batch : 1;
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            long[] cursor = {0};
            if (options.warmup > 0) {
                Run.progress("warm-up: " + options.warmup + " s at " + options.rate + " pushes/s");
                ApiDriver.drive(run, options.rate / perRequest, options.warmup,
                        n -> send(api, sessions, cursor, perRequest, true, padding), "pushes");
                api.awaitIdle(Run.seconds(30));
                Thread.sleep(500);
            }
            run.client.resetTraffic();
            api.resetOutcomes();
            run.startJfr();
            Run.progress("measured: " + options.duration + " s at " + options.rate + " pushes/s");
            Meter meter = run.meter();
            long pushes = ApiDriver.drive(run, options.rate / perRequest, options.duration,
                    n -> send(api, sessions, cursor, perRequest, false, padding), "pushes");
            api.awaitIdle(Run.seconds(options.drain));
            long lost = run.drain(sessions);
            Meter.Window window = meter.stop();
            run.stopJfr();
            Snapshot snapshot = run.client.snapshot();
            run.report.put("pushes_sent", pushes);
            run.report.put("api_requests", pushes / perRequest);
            run.putApiAnswers(api);
            run.putDeliveries(snapshot, window, lost);
            run.putCpu("push", window, snapshot.received());
            run.putEndings(snapshot);
        }
        run.closeAll(sessions);
    }

    private int send(ApiPusher api, List<BenchSession> sessions, long[] cursor, int count, boolean warmup,
            String padding) throws InterruptedException {
        StringBuilder body = new StringBuilder(batched ? "{\"pushes\":[" : "");
        for (int i = 0; i < count; i++) {
            BenchSession receiver = sessions.get((int) (cursor[0]++ % sessions.size()));
            String marker = warmup ? Marker.WARMUP
                    : Marker.of(receiver.expected.getAndIncrement(), System.nanoTime());
            body.append(i == 0 ? "" : ",").append("{\"uid\":\"").append(receiver.uid)
                    .append("\",\"event\":\"bench\",\"data\":{\"m\":\"").append(marker).append(padding).append("\"}}");
        }
        api.post(batched ? "api/push/batch" : "api/push", body.append(batched ? "]}" : "").toString());
        return count;
    }
}
