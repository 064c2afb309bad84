package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidings.inbox.Append;
import io.tidings.inbox.MemoryInbox;
import io.tidings.inbox.StreamKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pump's rules, with memory stores and a scripted provider: retries, dead letters, pauses, skips. */
class PumpTest {
    private final MemoryInbox inbox = Inboxes.memory();
    private final MemoryDevices devices = new MemoryDevices();
    private final MemoryJobs jobs = new MemoryJobs(System::currentTimeMillis);
    private final ScriptedProvider fcm = new ScriptedProvider(Platform.FCM);
    private final List<Pump> pumps = new ArrayList<>();

    @AfterEach
    void stop() {
        pumps.forEach(Pump::close);
    }

    private Pump pump(int attempts, Duration pause) {
        Sender sender = new Sender(fcm, System::currentTimeMillis, pause, pause.multipliedBy(4));
        Pump pump = new Pump(jobs, devices, inbox, Map.of(Platform.FCM, sender), new Composer("one", "{n} new"),
                new Backoff(20, 40, () -> 1.0), attempts, System::currentTimeMillis);
        pump.start(new PushMetrics(new PrometheusRegistry(), pump::stats, devices::count, System::currentTimeMillis));
        pumps.add(pump);
        return pump;
    }

    private long store(String uid) throws Exception {
        return inbox.append(List.of(new Append(StreamKey.uid(uid), "id", 0, "{}", null))).get().get(0).seq();
    }

    private String epoch(String uid) {
        return inbox.head(StreamKey.uid(uid)).epoch();
    }

    private void job(String uid, long seq) throws Exception {
        long now = System.currentTimeMillis();
        jobs.add(List.of(new Job.New(uid, "u:" + uid, seq, epoch(uid), null, null, null, Job.Kind.OFFLINE, now,
                now))).get();
    }

    private void register(String uid, String token) throws Exception {
        devices.register(new Device(uid, Platform.FCM, token, null, null, System.currentTimeMillis()), 10).get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aFailingPushIsTriedWithGrowingWaitsThenDeadLettered() throws Exception {
        register("7", "dev");
        fcm.answer(notification -> Outcome.retry("UNAVAILABLE", 0));
        Pump pump = pump(3, Duration.ofSeconds(1));
        job("7", store("7"));
        pump.wake();

        await(() -> jobs.stats().dead() == 1, "a dead letter");
        assertEquals(3, fcm.sent().size());
        assertEquals(0, jobs.stats().open());
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        register("7", "dev");
        fcm.answer(notification -> fcm.sent().size() == 1 ? Outcome.retry("QUOTA_EXCEEDED", 400) : Outcome.accepted());
        Pump pump = pump(5, Duration.ofSeconds(1));
        job("7", store("7"));
        pump.wake();

        await(() -> fcm.sent().size() == 2 && jobs.stats().open() == 0, "the second try");
        long waited = fcm.sent().get(1).nanos() - fcm.sent().get(0).nanos();
        // The pump schedules on a clock of whole milliseconds, so the wait may be up to 1 ms short in nanoseconds.
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(399), "waited " + waited / 1_000_000 + " ms");
    }

    @Test
    void refusedCredentialsPauseTheProviderWithOneLoudLineAndKeepEveryJob() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Sender.class.getName());
        logger.addHandler(capture);
        try {
            register("7", "dev-7");
            register("8", "dev-8");
            fcm.answer(notification -> Outcome.auth("PERMISSION_DENIED"));
            Pump pump = pump(1, Duration.ofSeconds(2));
            job("7", store("7"));
            pump.wake();
            await(() -> fcm.sent().size() == 1, "the refused push");
            job("8", store("8"));
            pump.wake();
            await(() -> jobs.stats().open() == 2 && jobs.nextDue() != Long.MAX_VALUE, "both jobs waiting");

            assertEquals(1, fcm.sent().size(), "no push goes to a provider that refuses our credentials");
            fcm.answer(notification -> Outcome.accepted());
            await(() -> jobs.stats().open() == 0, "both sent once the pause is over");
            assertEquals(0, jobs.stats().dead(), "with TIDINGS_PUSH_ATTEMPTS=1, a refused try was not counted");
            assertEquals(1, logged.stream().filter(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE
                    .intValue()).count(), "one loud line: " + logged.stream().map(LogRecord::getMessage).toList());
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void aGoneDeviceIsRemovedUnlessItRegisteredAfterTheProviderSaidSo() throws Exception {
        register("7", "gone");
        register("8", "back");
        long before = System.currentTimeMillis() - 60_000;
        fcm.answer(notification -> Outcome.gone("UNREGISTERED",
                notification.device().token().equals("gone") ? System.currentTimeMillis() : before));
        Pump pump = pump(3, Duration.ofSeconds(1));
        job("7", store("7"));
        job("8", store("8"));
        pump.wake();

        await(() -> jobs.stats().open() == 0, "both settled");
        assertFalse(devices.any("7"));
        assertTrue(devices.any("8"), "registered after the token was said to be gone");
    }

    @Test
    void aJobWhoseMessagesWereReadMeanwhileIsNotSent() throws Exception {
        register("7", "dev");
        long seq = store("7");
        inbox.markRead(StreamKey.uid("7"), seq).get();
        Pump pump = pump(3, Duration.ofSeconds(1));
        job("7", seq);
        pump.wake();

        await(() -> jobs.stats().open() == 0, "the job dropped");
        assertEquals(0, fcm.sent().size());
    }

    @Test
    void aUidWithoutDevicesGetsNothing() throws Exception {
        Pump pump = pump(3, Duration.ofSeconds(1));
        job("7", store("7"));
        pump.wake();

        await(() -> jobs.stats().open() == 0, "the job dropped");
        assertEquals(0, fcm.sent().size());
    }
}
