package io.tidings.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resume under load: --sessions sessions alert each other at --rate alerts/s while, --resumes times, a user who
 * was away (a uid of its own) gets --missed messages through the batch API and then reconnects with
 * {@code ?since=0&epoch=}. The time from starting that connect to its {@code resumed} frame, with every missed
 * message before it, is the resume latency (p50, p99, max); the alerts' own latency shows what the resumes cost
 * the others.
 */
final class ResumeMode implements Mode {
    private static final Pattern EPOCH = Pattern.compile("\"epoch\":\"([a-z0-9]+)\"");

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        List<BenchSession> sessions = run.open(options.sessions, options.connectRate);
        run.report.put("sessions_held", Run.countOpen(sessions));
        run.startHeartbeats(sessions);
        String padding = "x".repeat(options.payload);
        double busy = options.warmup + options.resumes * 0.2 + 60;
        AlertMode.send(run, sessions, options.warmup, true, padding);
        Thread.sleep((long) (options.warmup * 1000) + 500);
        run.client.resetTraffic();
        Run.progress("measured: " + options.resumes + " resumes of " + options.missed + " messages, beside "
                + options.rate + " alerts/s");
        Meter meter = run.meter();
        AlertMode.send(run, sessions, busy, false, padding);
        HttpClient http = HttpClient.newHttpClient();
        Histogram resumes = new Histogram();
        int replayed = 0;
        try (ApiPusher api = new ApiPusher(run.server.base(), run.server.apiKey(), 1)) {
            for (int i = 0; i < options.resumes; i++) {
                String uid = "away-" + i;
                StringBuilder batch = new StringBuilder("{\"pushes\":[");
                for (int m = 0; m < options.missed; m++) {
                    batch.append(m == 0 ? "" : ",").append("{\"uid\":\"").append(uid)
                            .append("\",\"event\":\"missed\",\"data\":{\"n\":").append(m).append("}}");
                }
                api.post("api/push/batch", batch.append("]}").toString());
                api.awaitIdle(Run.seconds(30));
                String epoch = epochOf(http, run, uid);
                long started = System.nanoTime();
                int frames = resume(http, run, uid, epoch);
                resumes.record(System.nanoTime() - started);
                if (frames != options.missed) {
                    throw new IllegalStateException(uid + ": " + frames + " of " + options.missed + " replayed");
                }
                replayed += frames;
            }
        }
        Meter.Window window = meter.stop();
        Snapshot snapshot = run.client.snapshot();
        run.report.put("resumes", resumes.count());
        run.report.put("messages_replayed", replayed);
        run.report.put("resume_p50_ms", Run.millis(resumes.quantile(0.5)));
        run.report.put("resume_p99_ms", Run.millis(resumes.quantile(0.99)));
        run.report.put("resume_max_ms", Run.millis(resumes.max()));
        run.putDeliveries(snapshot, window, 0);
        run.putEndings(snapshot);
        run.closeAll(sessions);
    }

    private static String epochOf(HttpClient http, Run run, String uid) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(run.server.base().resolve("api/inbox?uid=" + uid
                + "&limit=1")).header("Authorization", "Bearer " + run.server.apiKey()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher epoch = EPOCH.matcher(page.body());
        if (!epoch.find()) {
            throw new IllegalStateException("no epoch in " + page.body());
        }
        return epoch.group(1);
    }

    /** Connects with since=0 and counts the replayed frames until "resumed"; closes again. */
    private static int resume(HttpClient http, Run run, String uid, String epoch) throws Exception {
        URI base = run.server.base();
        URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws?uid=" + uid + "&token="
                + io.tidings.auth.LegacyToken.issue(uid, run.server.key()) + "&since=0&epoch=" + epoch);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger replayed = new AtomicInteger();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    if (frame.startsWith("{\"event\":\"missed\"")) {
                        replayed.incrementAndGet();
                    } else if (frame.startsWith("{\"event\":\"resumed\"")) {
                        done.complete(replayed.get());
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                done.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        try {
            return done.get(30, TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
