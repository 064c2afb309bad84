package io.tidings.bench;

import java.util.List;

/**
 * Client-to-client alerts: each of --sessions sessions sends alertTip to its neighbour (the next session), at
 * --rate alerts per second in total, first --warmup seconds uncounted, then --duration seconds measured. The
 * server CPU per delivered alertTip covers decode, dispatch, encode and the write.
 */
final class AlertMode implements Mode {
    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.startHeartbeats(sessions);
        String padding = "x".repeat(options.payload);
        if (options.warmup > 0) {
            Run.progress("warm-up: " + options.warmup + " s at " + options.rate + " alerts/s");
            send(run, sessions, options.warmup, true, padding);
            Thread.sleep((long) (options.warmup * 1000) + 500);
        }
        run.client.resetTraffic();
        run.startJfr();
        Run.progress("measured: " + options.duration + " s at " + options.rate + " alerts/s");
        Meter meter = run.meter();
        send(run, sessions, options.duration, false, padding);
        run.hold(options.duration, () -> run.client.received() + " alerts delivered");
        Thread.sleep(100); // the loops' last send iteration, begun just before the stop time
        long lost = run.drain(sessions);
        Meter.Window window = meter.stop();
        run.stopJfr();
        Snapshot snapshot = run.client.snapshot();
        run.report.put("sent", sessions.stream().mapToLong(s -> s.expected.get()).sum());
        run.putDeliveries(snapshot, window, lost);
        run.putCpu("alert", window, snapshot.received());
        run.putEndings(snapshot);
        run.closeAll(sessions);
    }

    static void send(Run run, List<BenchSession> sessions, double seconds, boolean warmup, String padding) {
        long start = System.nanoTime();
        long stop = start + Run.seconds(seconds).toNanos();
        run.client.alertNeighbours(sessions, run.options.rate, start, stop, warmup, padding);
    }
}
