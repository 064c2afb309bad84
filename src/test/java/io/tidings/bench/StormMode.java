package io.tidings.bench;

import java.util.List;

/**
 * A connection storm: --sessions connect + authenticate at --rate per second, open loop (each connect starts
 * on schedule whatever happened to the ones before). connect-storm first runs warm-up storms of --warmup
 * connects in all (10 000: one storm), closed again 3 s before the measured one, as a server that has served
 * before sees it; cold-storm runs none, so it measures a fresh process, a restart's reconnect storm. With
 * --gc-before true a full GC clears the warm-up's garbage first (an idealised server that has none). Connect
 * latency is from the socket's creation to the 101 response; CPU is the server's for the whole storm until every
 * session settled.
 */
final class StormMode implements Mode {
    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        // Warm-up storms of at most --sessions connects each (the open-files limit), --warmup connects in all.
        for (int left = (int) Math.round(options.warmup); left > 0; left -= options.sessions) {
            int warm = Math.min(left, options.sessions);
            Run.progress("warm-up storm: " + warm + " connects at " + options.rate + "/s");
            run.closeAll(run.open(warm, options.rate));
            Thread.sleep(3000);
        }
        // The warm-up's closed sessions sit in the old generation by now; a full collection here would keep their
        // clean-up out of the measured storm. A real server gets no such help, so it is off unless asked for.
        if (options.gcBeforeMeasuring) {
            run.memoryAfterGc();
        }
        run.client.resetConnects();
        Snapshot before = run.client.snapshot();
        run.startJfr();
        Run.progress("measured storm: " + options.sessions + " connects at " + options.rate + "/s");
        Meter meter = run.meter();
        List<BenchSession> sessions = run.open(options.sessions, options.rate);
        Thread.sleep(200);
        Meter.Window window = meter.stop();
        run.stopJfr();
        Snapshot after = run.client.snapshot();
        long opened = after.opened() - before.opened();
        long held = Run.countOpen(sessions);

        run.report.put("sessions_held", held);
        run.report.put("connects", opened);
        run.report.put("connect_failures", after.failed() - before.failed());
        run.report.put("connect_rate_per_s", opened / (window.seconds() - 0.2));
        run.putConnects(after);
        run.putCpu("connect", window, opened);
        run.putEndings(after);
        run.closeAll(sessions);
    }
}
