package io.tidings.mobile;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidings.mobile.JobStore.JobStats;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Mobile push's metrics (src/site/markdown/mobile-push.md lists them): sends per provider and outcome, jobs made
 * and skipped, dead letters, the queue's depth and its oldest job's age, registered devices. Labels come from
 * fixed sets only.
 */
public final class PushMetrics {
    private final Counter sends;
    private final Counter jobs;
    private final Counter skipped;
    private final Counter dead;
    private final Counter storeFailures;
    private final Histogram sendTime;

    /**
     * @param stats the job store's figures, as the pump last read them
     * @param clock epoch ms
     */
    public PushMetrics(PrometheusRegistry registry, Supplier<JobStats> stats, IntSupplier devices,
            LongSupplier clock) {
        sends = Counter.builder().withoutExemplars().name("tidings_push_sends")
                .help("Notifications sent to a provider, by provider and outcome").labelNames("provider", "outcome")
                .register(registry);
        jobs = Counter.builder().withoutExemplars().name("tidings_push_jobs_made")
                .help("Push jobs made (a collapsed message counts too), by kind").labelNames("kind").register(registry);
        skipped = Counter.builder().withoutExemplars().name("tidings_push_jobs_skipped")
                .help("Push jobs dropped before sending, by reason").labelNames("reason").register(registry);
        dead = Counter.builder().withoutExemplars().name("tidings_push_dead_letters")
                .help("Pushes given up on (out of attempts, or refused for good), by provider")
                .labelNames("provider").register(registry);
        storeFailures = Counter.builder().withoutExemplars().name("tidings_push_store_failures")
                .help("Push jobs or settlements the store could not keep").register(registry);
        sendTime = Histogram.builder().withoutExemplars().name("tidings_push_send_seconds")
                .help("Time from handing a notification to its provider to its answer").labelNames("provider")
                .classicOnly().classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30)
                .register(registry);
        GaugeWithCallback.builder().name("tidings_push_queue_depth").help("Push jobs waiting or being sent")
                .callback(callback -> callback.call(stats.get().open())).register(registry);
        GaugeWithCallback.builder().name("tidings_push_oldest_job_age_seconds")
                .help("Age of the oldest push job not yet done").callback(callback -> {
                    long oldest = stats.get().oldestCreated();
                    callback.call(oldest == 0 ? 0 : Math.max(0, clock.getAsLong() - oldest) / 1000.0);
                }).register(registry);
        GaugeWithCallback.builder().name("tidings_push_dead_jobs").help("Dead letters kept for inspection")
                .callback(callback -> callback.call(stats.get().dead())).register(registry);
        GaugeWithCallback.builder().name("tidings_push_devices").help("Registered devices")
                .callback(callback -> callback.call(devices.getAsInt())).register(registry);
        for (Platform platform : Platform.values()) {
            for (Outcome.Kind outcome : Outcome.Kind.values()) {
                sends.labelValues(platform.label(), outcome.label());
            }
            dead.labelValues(platform.label());
        }
        for (Job.Kind kind : Job.Kind.values()) {
            jobs.labelValues(kind.label());
        }
        for (String reason : new String[] {"read", "no_device"}) {
            skipped.labelValues(reason);
        }
    }

    void sent(Platform platform, Outcome outcome, long nanos) {
        sends.labelValues(platform.label(), outcome.kind().label()).inc();
        sendTime.labelValues(platform.label()).observe(nanos / 1e9);
    }

    void made(Job.Kind kind, int count) {
        jobs.labelValues(kind.label()).inc(count);
    }

    void skipped(String reason) {
        skipped.labelValues(reason).inc();
    }

    void deadLetter(Platform platform) {
        dead.labelValues(platform.label()).inc();
    }

    void storeFailed() {
        storeFailures.inc();
    }
}
