package io.tidings.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A long run to find leaks and drift: --sessions sessions hold for --duration with heartbeats, alerts at --rate
 * per second between neighbours, and --churn extra sessions per second that connect and leave two seconds later.
 * Memory is read after a GC at the start and at the end; a steady server ends where it began.
 */
final class SoakMode implements Mode {
    private static final int CHURN_LIFETIME_SECONDS = 2;

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.startHeartbeats(sessions);
        long[] start = run.memoryAfterGc();
        long threadsAtStart = run.server.proc().threads();
        long filesAtStart = run.server.proc().openFiles();
        Meter meter = run.meter();
        AlertMode.send(run, sessions, options.duration, false, "x".repeat(options.payload));
        ArrayDeque<List<BenchSession>> churning = new ArrayDeque<>();
        List<BenchSession> churned = new ArrayList<>();
        long end = System.nanoTime() + Run.seconds(options.duration).toNanos();
        long nextSecond = System.nanoTime();
        long every = Run.seconds(Math.max(1, options.reportEvery)).toNanos();
        long nextReport = System.nanoTime() + every;
        while (System.nanoTime() < end) {
            Thread.sleep(20);
            long now = System.nanoTime();
            if (now >= nextSecond && options.churn > 0) {
                nextSecond += 1_000_000_000L;
                List<BenchSession> batch = run.client.newSessions((int) Math.ceil(options.churn));
                run.client.connect(batch, options.churn * 10, Run.seconds(options.connectTimeout));
                churning.add(batch);
                churned.addAll(batch);
                if (churning.size() > CHURN_LIFETIME_SECONDS) {
                    run.client.close(churning.poll());
                }
            }
            if (now >= nextReport) {
                nextReport += every;
                Run.progress(Run.countOpen(sessions) + " open, " + run.client.received() + " alerts delivered, "
                        + churned.size() + " churned, server RSS " + run.server.proc().rssKib() / 1024
                        + " MiB, threads " + run.server.proc().threads() + ", open files "
                        + run.server.proc().openFiles());
            }
        }
        Thread.sleep(100); // the loops' last send iteration, begun just before the stop time
        long lost = run.drain(sessions);
        Meter.Window window = meter.stop();
        churning.forEach(run.client::close);
        run.closeAll(churned);
        Thread.sleep(2000);
        long[] finish = run.memoryAfterGc();
        Snapshot snapshot = run.client.snapshot();
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.report.put("churned_sessions", churned.size());
        run.report.put("sent", sessions.stream().mapToLong(s -> s.expected.get()).sum());
        run.putDeliveries(snapshot, window, lost);
        run.putCpu("alert_with_churn", window, snapshot.received());
        run.report.put("server_rss_start_kib", start[0]);
        run.report.put("server_rss_end_kib", finish[0]);
        run.report.put("server_heap_start_kib", start[1]);
        run.report.put("server_heap_end_kib", finish[1]);
        run.report.put("server_threads_start", threadsAtStart);
        run.report.put("server_threads_end", run.server.proc().threads());
        run.report.put("server_open_files_start", filesAtStart);
        run.report.put("server_open_files_end", run.server.proc().openFiles());
        run.putEndings(snapshot);
        run.closeAll(sessions);
    }
}
