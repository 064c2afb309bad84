package io.tidings.bench;

import java.util.List;

/**
 * Idle sessions: what holding a session costs. A warm-up (classes loaded, the connect path compiled, so the JIT's
 * code cache, a fixed cost, no longer grows) and a GC come first, so the baseline is a server that has served
 * before; then --sessions connect at --connect-rate, and after
 * another GC the RSS and heap growth is divided by the sessions held. Finally they idle for --duration, with
 * heartbeats if the duration exceeds the heartbeat interval, to show what idling costs in CPU. With --prefill the
 * inbox first receives that many messages (batches of --batch over 10 000 uids, none of them a session's), so
 * the figures show whether what is stored costs memory.
 */
final class IdleMode implements Mode {
    private static final int WARMUP_SESSIONS = 5000;

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        if (options.prefill > 0) {
            prefill(run);
        }
        List<BenchSession> warm = run.open(Math.min(WARMUP_SESSIONS, options.sessions), options.connectRate);
        run.closeAll(warm);
        Thread.sleep(1000);
        long[] before = run.memoryAfterGc();

        run.client.resetConnects();
        Meter connecting = run.meter();
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        Meter.Window connected = connecting.stop();
        long held = Run.countOpen(sessions);
        Run.progress(held + " sessions open; settling before the memory reading");
        Thread.sleep(2000);
        long[] after = run.memoryAfterGc();
        if (options.classHistogram != null) {
            String histogram = run.server.proc().jcmd("GC.class_histogram");
            java.nio.file.Files.writeString(options.classHistogram, histogram == null ? "jcmd failed\n" : histogram);
            run.report.put("class_histogram", options.classHistogram.toString());
        }

        run.startHeartbeats(sessions);
        run.startJfr();
        Meter idling = run.meter();
        run.hold(options.duration, () -> Run.countOpen(sessions) + " open, server RSS "
                + run.server.proc().rssKib() / 1024 + " MiB");
        Meter.Window idled = idling.stop();
        run.stopJfr();
        Snapshot snapshot = run.client.snapshot();

        run.report.put("sessions_held", Run.countOpen(sessions));
        run.report.put("sessions_held_after_connect", held);
        run.report.put("connect_rate_per_s", held / connected.seconds());
        run.putConnects(snapshot);
        run.report.put("server_cpu_us_per_connect", connected.serverCpuNanos() / 1e3 / Math.max(1, held));
        run.report.put("other_processes_cores_busy_connecting", connected.otherCores());
        run.report.put("server_rss_before_kib", before[0]);
        run.report.put("server_rss_after_kib", after[0]);
        run.report.put("server_rss_per_session_kib", (after[0] - before[0]) / (double) Math.max(1, held));
        run.report.put("server_heap_before_kib", before[1]);
        run.report.put("server_heap_after_kib", after[1]);
        run.report.put("server_heap_per_session_kib", (after[1] - before[1]) / (double) Math.max(1, held));
        run.report.put("server_threads", run.server.proc().threads());
        run.report.put("server_cpu_us_per_session_second_idle",
                idled.serverCpuNanos() / 1e3 / Math.max(1, held) / idled.seconds());
        run.report.put("other_processes_cores_busy", idled.otherCores());
        run.putEndings(snapshot);
    }

    private static void prefill(Run run) throws Exception {
        Options options = run.options;
        Run.progress("storing " + options.prefill + " messages in the inbox");
        long started = System.nanoTime();
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), options.inFlight)) {
            for (int done = 0; done < options.prefill; done += options.batch) {
                StringBuilder body = new StringBuilder("{\"pushes\":[");
                for (int i = 0; i < options.batch; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"uid\":\"stored-").append((done + i) % 10_000)
                            .append("\",\"event\":\"old\",\"data\":{\"text\":\"a reply from a while ago\"}}");
                }
                api.post("api/push/batch", body.append("]}").toString());
            }
            api.awaitIdle(Run.seconds(600));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        run.report.put("prefilled_messages", options.prefill);
        run.report.put("prefill_stored_per_s", options.prefill / seconds);
    }
}
