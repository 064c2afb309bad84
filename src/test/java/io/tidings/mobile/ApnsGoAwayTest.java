package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidings.config.PushSettings;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.MemoryInbox;
import io.tidings.inbox.StreamKey;
import io.tidings.mobile.apns.ApnsProvider;
import io.tidings.testing.ApnsMock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apple's server goes away (GOAWAY, then the connection closes) while pushes are on their way: those it did not
 * answer (sent after the GOAWAY, or while it was down) fail, the pump tries them again on the next connection, and
 * every device gets its push.
 */
class ApnsGoAwayTest {
    private static final int DEVICES = 60;

    @TempDir
    Path dir;

    /** Counts the answers that were not acceptances: the sends the GOAWAY cut off. */
    private static final class Counting implements PushProvider {
        final PushProvider real;
        final AtomicInteger retried = new AtomicInteger();

        Counting(PushProvider real) {
            this.real = real;
        }

        @Override
        public Platform platform() {
            return real.platform();
        }

        @Override
        public CompletableFuture<Outcome> send(Notification notification) {
            return real.send(notification).whenComplete((outcome, failure) -> {
                if (outcome.kind() == Outcome.Kind.RETRY) {
                    retried.incrementAndGet();
                }
            });
        }

        /**
         * A few at a time, so that pushes are still to be sent when the GOAWAY comes: the mock answers the streams
         * it has already read before it closes (Netty's graceful close), so with all sixty sent at once the GOAWAY
         * could come after the last of them and cut nothing.
         */
        @Override
        public int maxInFlight() {
            return 4;
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void aGoAwayMidStreamLosesNothing() throws Exception {
        MemoryInbox inbox = Inboxes.memory();
        MemoryDevices devices = new MemoryDevices();
        MemoryJobs jobs = new MemoryJobs(System::currentTimeMillis);
        try (ApnsMock apple = new ApnsMock(dir).start()) {
            List<String> tokens = new ArrayList<>();
            List<Job.New> made = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < DEVICES; i++) {
                String uid = "u" + i;
                String token = apple.device(i);
                tokens.add(token);
                apple.stall(token, 5); // each answer takes a moment, so many are in flight when it goes away
                devices.register(new Device(uid, Platform.APNS, token, ApnsMock.TOPIC, PushSettings.Env.PRODUCTION,
                        now), 10).get();
                Appended stored = inbox.append(List.of(new Append(StreamKey.uid(uid), "m" + i, now, "{}", null)))
                        .get().get(0);
                made.add(new Job.New(uid, stored.stream().text(), stored.seq(), stored.epoch(), null, null, null,
                        Job.Kind.OFFLINE, now, now));
            }
            apple.onAccepted(count -> {
                if (count == DEVICES / 3) {
                    new Thread(() -> {
                        try {
                            apple.stop();
                            apple.start();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).start();
                }
            });
            Counting provider = new Counting(ApnsProvider.open(new PushSettings.Apns(apple.keyFile(),
                    ApnsMock.KEY_ID, ApnsMock.TEAM_ID, ApnsMock.TOPIC, PushSettings.Env.PRODUCTION,
                    URI.create("https://localhost:" + apple.port()), apple.caFile())));
            Sender sender = new Sender(provider, System::currentTimeMillis, Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
            Pump pump = new Pump(jobs, devices, inbox, Map.of(Platform.APNS, sender), new Composer("one", "{n}"),
                    new Backoff(50, 200, () -> 1.0), 10, System::currentTimeMillis);
            pump.start(new PushMetrics(new PrometheusRegistry(), pump::stats, devices::count,
                    System::currentTimeMillis));
            try {
                jobs.add(made).get();
                pump.wake();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (jobs.stats().open() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(new JobStore.JobStats(0, 0, 0), jobs.stats(), "every job done, none dead");
                Set<String> reached = apple.received().stream().map(ApnsMock.Received::token)
                        .collect(Collectors.toSet());
                assertEquals(Set.copyOf(tokens), reached);
                assertTrue(provider.retried.get() > 0, "the GOAWAY cut pushes off mid-stream");
            } finally {
                pump.close();
                sender.close();
            }
        }
    }
}
