package io.tidings.launcher;

import io.tidings.config.InboxSettings;
import io.tidings.config.Limits;
import io.tidings.config.PushSettings;
import io.tidings.config.Security;
import io.tidings.config.TidingsConfig;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Readies a fresh process for a restart's reconnect storm before its port accepts anyone. A private instance on
 * a loopback port of its own, with keys of its own and nothing else (no text push port, no origin list, no
 * connection limits), is sent sessions by a {@link WarmUpClient} until the JIT has compiled what they need (at
 * most TIDINGS_WARMUP), then stopped and its garbage collected. The real instance starts afterwards with nothing
 * of it (no session, no count), but with the classes loaded and the connect path compiled: without this, the JIT's
 * compiler threads took 40-50% of the server's CPU through the first 30 000-40 000 connects after a start.
 */
final class WarmUp {
    private static final int BATCH = 250;
    /** Sessions before the JIT is asked at all: the connect path's methods must have become hot first. */
    private static final int MIN_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a warm-up did: sessions, seconds, and seconds the JIT compiled meanwhile (-1 when unknown). */
    record Result(int sessions, double seconds, double compileSeconds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Warmed up with %d sessions in %.1f s (JIT compiling %s)",
                    sessions, seconds, compileSeconds < 0 ? "unknown" : String.format(java.util.Locale.ROOT,
                            "%.1f s", compileSeconds));
        }
    }

    private WarmUp() {
    }

    /**
     * Runs the warm-up: at most {@code sessions} sessions, and no longer than the time limit, but ending as soon
     * as the JIT has gone quiet (at least {@link #MIN_SESSIONS} in): how long compiling takes depends on the JDK,
     * its settings and the machine, so the JIT itself is asked.
     */
    static Result run(ServerSettings settings, TidingsConfig config, int sessions, Duration limit) throws Exception {
        long start = System.nanoTime();
        long compiledBefore = compileMillis();
        String key = secret();
        String apiKey = secret();
        ServerSettings loopback = new ServerSettings(0, "127.0.0.1", settings.webSocket(), false,
                settings.requestTimeout(), 0, 0);
        Path inbox = Files.createTempDirectory("tidings-warm-up-");
        int done = 0;
        try {
            try (EmbeddedServer server = EmbeddedServer.start(loopback, privateConfig(config, key, apiKey, inbox),
                    null)) {
                WarmUpClient client = new WarmUpClient(server.port(), key, apiKey, config.inbox().enabled());
                long deadline = start + limit.toNanos();
                JitWatch jit = new JitWatch();
                while (done < sessions && System.nanoTime() < deadline) {
                    int batch = Math.min(BATCH, sessions - done);
                    client.batch(batch);
                    done += batch;
                    if (jit.quiet() && done >= MIN_SESSIONS) {
                        break;
                    }
                }
            }
        } finally {
            deleteTree(inbox);
        }
        System.gc(); // the private instance's garbage, before the real one starts making its own
        long compiled = compileMillis();
        return new Result(done, (System.nanoTime() - start) / 1e9,
                compiled < 0 ? -1 : (compiled - compiledBefore) / 1e3);
    }

    /**
     * A config like the real one in everything the connect path reads, with the given keys, its inbox (of the same
     * kind) in a directory of its own, no text push port, no mobile push and no connection limits. Its store commits without
     * waiting for the disk (the same code, and nothing in it is worth keeping), so a disk busy with others does not
     * hold the warm-up up. Its origin list only keeps the private instance from warning that there is none: the
     * warm-up's sessions send no Origin.
     */
    private static TidingsConfig privateConfig(TidingsConfig real, String key, String apiKey, Path inboxDir) {
        Limits limits = real.limits();
        InboxSettings inbox = real.inbox();
        return new TidingsConfig(key, false, real.heartbeatIdle(), real.heartbeatInterval(), real.sessionPolicy(),
                real.maxFrame(), real.sendQueueBytes(), apiKey, 0, real.textPushHost(),
                new Limits(Math.max(limits.eventRate(), 10), Math.max(limits.eventBurst(), 10),
                        limits.maxSessionsPerUid(), 0, 0, 0, limits.maxJsonDepth()),
                new Security(List.of("http://127.0.0.1"), true, null, null), real.apiLimits(), real.compression(),
                // Never a cluster member: a cluster node warms up on an inbox in SQLite, its own and thrown away.
                new InboxSettings(inbox.store() == InboxSettings.Store.REDIS ? InboxSettings.Store.SQLITE
                        : inbox.store(), inboxDir, inbox.maxPerStream(), inbox.ttl(), inbox.maxBytes(),
                        InboxSettings.Fsync.OS, inbox.commitEvery(), inbox.resumeMax()),
                withoutProviders(real.push()), real.chat(), null);
    }

    /** The warm-up's messages must never reach a phone. */
    private static PushSettings withoutProviders(PushSettings push) {
        return new PushSettings(null, null, push.collapse(), push.after(), push.attempts(), push.maxDevicesPerUid(),
                push.text(), push.textMany());
    }

    /**
     * Whether the JIT has gone quiet: it compiled for less than a tenth of the time in each of the last two
     * windows of three seconds. The JVM adds a compilation's time when it ends, and one can take a second or two
     * here, so one window without any is not enough.
     */
    private static final class JitWatch {
        private static final long WINDOW_NANOS = 3_000_000_000L;
        private long windowStart = System.nanoTime();
        private long windowCompiled = compileMillis();
        private int quietWindows;

        boolean quiet() {
            long now = System.nanoTime();
            if (now - windowStart < WINDOW_NANOS) {
                return false;
            }
            long compiled = compileMillis();
            boolean quiet = compiled >= 0 && (compiled - windowCompiled) * 1_000_000 < (now - windowStart) / 10;
            quietWindows = quiet ? quietWindows + 1 : 0;
            windowStart = now;
            windowCompiled = compiled;
            return quietWindows >= 2;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
