package io.tidings.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Mobile push throughput: --devices offline uids, each with an APNs device, get one API push each (batches of
 * --batch); their jobs fall due together once the collapse window (10 s) ends, and the pump sends them through
 * Pushy to the mock in this JVM. A first round warms the server up; the second is measured: pushes/s from its
 * first acceptance to its last, and the server's CPU per push job over that window (claim, read check, payload,
 * send, settle; the API push that stored the message is outside it).
 */
final class MobileMode implements Mode {
    private static final int COLLAPSE_SECONDS = 10;
    private MobileBench bench;

    @Override
    public AutoCloseable prepare(Options options) throws Exception {
        bench = MobileBench.start(options, COLLAPSE_SECONDS);
        return bench;
    }

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        int devices = bench.tokens.size();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        bench.apple.onAccepted(count -> {
            long now = System.nanoTime();
            if (count > devices) {
                first.compareAndSet(0, now);
                last.set(now);
            }
        });
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            bench.register(run, api);
            round(run, api, devices, "warm-up");
        }
        // A client of its own per round: the server closes keep-alive connections idle while a round sends.
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            Meter.Window window = round(run, api, devices, "measured");
            int accepted = bench.apple.acceptedCount() - devices;
            double seconds = (last.get() - first.get()) / 1e9;
            run.report.put("api_answers", api.outcomes());
            run.report.put("devices", devices);
            run.report.put("accepted", accepted);
            run.report.put("distinct_devices", bench.apple.received().stream().skip(devices).map(r -> r.token())
                    .distinct().count());
            run.report.put("send_seconds", seconds);
            run.report.put("pushes_per_s", seconds > 0 ? accepted / seconds : Double.NaN);
            run.putCpu("push_job", window, accepted);
        }
    }

    /** Pushes once to every uid, waits for their jobs to fall due, measures until the mock took them all. */
    private Meter.Window round(Run run, ApiPusher api, int devices, String name) throws InterruptedException {
        Run.progress(name + ": pushing to " + devices + " offline uids");
        int before = bench.apple.acceptedCount();
        long pushed = System.nanoTime();
        for (int from = 0; from < devices; from += run.options.batch) {
            StringBuilder body = new StringBuilder("{\"pushes\":[");
            for (int i = from; i < Math.min(devices, from + run.options.batch); i++) {
                body.append(i == from ? "" : ",").append("{\"uid\":\"").append(MobileBench.uid(i))
                        .append("\",\"event\":\"bench\"}");
            }
            api.post("api/push/batch", body.append("]}").toString());
        }
        api.awaitIdle(Run.seconds(120));
        run.report.put(name + "_push_seconds", (System.nanoTime() - pushed) / 1e9);
        long due = pushed + Run.seconds(COLLAPSE_SECONDS - 0.5).toNanos();
        while (System.nanoTime() < due) {
            Thread.sleep(10);
        }
        Meter meter = run.meter();
        long deadline = System.nanoTime() + Run.seconds(Math.max(120, devices / 50.0)).toNanos();
        while (bench.apple.acceptedCount() < before + devices && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return meter.stop();
    }
}
