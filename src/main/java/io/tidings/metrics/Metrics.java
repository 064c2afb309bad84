package io.tidings.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidings.close.CloseReason;
import io.tidings.inbox.Resume;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Tidings' Prometheus metrics, in a registry of its own (several servers may share a JVM in tests or a
 * container). Label values come only from fixed sets (close reasons, known event names, outcomes), never from
 * client input, so a hostile client cannot blow up the series count.
 */
public final class Metrics {
    /** How a backend push ended (API or text push port). */
    public enum PushOutcome {
        /** Written to at least one session. */
        DELIVERED,
        /** Valid, but none of its targets had a live session. */
        NO_SESSIONS,
        /** Refused: bad JSON, bad fields, too large. */
        INVALID,
        /** Valid, but the inbox could not store it, so it was not delivered either (answered 503). */
        NOT_STORED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    // Without exemplars: they need a tracer Tidings does not have, and their sampler starts a static thread that
    // outlives a WAR undeploy (the container then keeps the old application's classes: a leak per redeploy).
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter opened = Counter.builder().withoutExemplars().name("tidings_sessions_opened")
            .help("Authenticated sessions registered").register(registry);
    private final Counter closed = Counter.builder().withoutExemplars().name("tidings_sessions_closed")
            .help("Sessions closed: by the code the server sent and its reason, or by the client's code (reason"
                    + " \"peer\") when the client closed first").labelNames("code", "reason")
            .register(registry);
    private final Counter authFailures = Counter.builder().withoutExemplars().name("tidings_auth_failures")
            .help("Rejected connection attempts by reason").labelNames("reason").register(registry);
    private final Counter events = Counter.builder().withoutExemplars().name("tidings_inbound_events")
            .help("Inbound events by name (unknown names counted as 'unknown')").labelNames("event")
            .register(registry);
    private final Counter delivered = Counter.builder().withoutExemplars().name("tidings_messages_delivered")
            .help("Frames written to sessions").register(registry);
    private final Counter pushes = Counter.builder().withoutExemplars().name("tidings_push_requests")
            .help("Backend API push requests by outcome").labelNames("outcome").register(registry);
    private final Histogram deliveryLatency = Histogram.builder().withoutExemplars().name("tidings_delivery_latency_seconds")
            .help("Time to encode a message and hand it to every target session's outbox").classicOnly()
            .classicUpperBounds(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1)
            .register(registry);

    private final Counter stored = Counter.builder().withoutExemplars().name("tidings_inbox_stored")
            .help("Messages stored in the inbox (one per stream)").register(registry);
    private final Counter replayed = Counter.builder().withoutExemplars().name("tidings_inbox_replayed")
            .help("Stored messages replayed to resuming sessions").register(registry);
    private final Counter resumes = Counter.builder().withoutExemplars().name("tidings_inbox_resumes")
            .help("Resumes by outcome").labelNames("outcome").register(registry);
    private final Histogram commitSize = Histogram.builder().withoutExemplars().name("tidings_inbox_commit_writes")
            .help("Writes per group commit of the inbox").classicOnly()
            .classicUpperBounds(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000).register(registry);
    private final Histogram commitTime = Histogram.builder().withoutExemplars().name("tidings_inbox_commit_seconds")
            .help("Time of one group commit of the inbox, its fsync included").classicOnly()
            .classicUpperBounds(0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1)
            .register(registry);

    private final Counter clusterReceived = Counter.builder().withoutExemplars().name("tidings_cluster_received")
            .help("Messages this node received from the cluster, by kind (stored, live, control)").labelNames("kind")
            .register(registry);
    private final Counter clusterFilled = Counter.builder().withoutExemplars().name("tidings_cluster_gap_filled")
            .help("Stored messages this node read from Redis because pub/sub had not brought them").register(registry);

    public Metrics(IntSupplier liveSessions) {
        GaugeWithCallback.builder().name("tidings_sessions_live").help("Live authenticated sessions")
                .callback(callback -> callback.call(liveSessions.getAsInt())).register(registry);
        // Every outcome present from the start, at 0, so rate() and alerts work before the first push.
        for (PushOutcome outcome : PushOutcome.values()) {
            pushes.labelValues(outcome.label());
        }
        for (CloseReason reason : CloseReason.values()) {
            closed.labelValues(Integer.toString(reason.code()), reason.label());
            if (reason.code() == 4001 || reason == CloseReason.TRY_AGAIN_LATER) {
                authFailures.labelValues(reason.label());
            }
        }
    }

    public void sessionOpened() {
        opened.inc();
    }

    /** A session this side closed ended: counted with the code sent, whatever the peer answered. */
    public void sessionClosed(CloseReason sent) {
        closed.labelValues(Integer.toString(sent.code()), sent.label()).inc();
    }

    /** A session the peer (or its container) closed first ended, with the peer's code (1006: none). */
    public void sessionClosedByPeer(int code) {
        closed.labelValues(Integer.toString(code), "peer").inc();
    }

    public void authFailed(CloseReason reason) {
        authFailures.labelValues(reason.label()).inc();
    }

    public void inboundEvent(String knownEventName) {
        events.labelValues(knownEventName).inc();
    }

    public void delivered(int sessions, long nanos) {
        delivered.inc(sessions);
        deliveryLatency.observe(nanos / 1e9);
    }

    /** A backend push (API push, batch item, text port line) reached this many sessions; 0 is no_sessions. */
    public void pushed(int delivered) {
        pushes.labelValues((delivered > 0 ? PushOutcome.DELIVERED : PushOutcome.NO_SESSIONS).label()).inc();
    }

    /** A backend push the inbox could not store (so not delivered). */
    public void pushNotStored() {
        pushes.labelValues(PushOutcome.NOT_STORED.label()).inc();
    }

    /** A backend push refused before delivery: bad JSON, bad fields, too large. */
    public void pushRefused() {
        pushes.labelValues(PushOutcome.INVALID.label()).inc();
    }

    /** The inbox's gauges: its size on disk (or in memory) and the age of its oldest message. */
    public void watchInbox(LongSupplier bytes, LongSupplier oldestTs, LongSupplier nowMillis) {
        GaugeWithCallback.builder().name("tidings_inbox_bytes").help("Bytes the inbox takes")
                .callback(callback -> callback.call(bytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("tidings_inbox_oldest_age_seconds").help("Age of the oldest stored message")
                .callback(callback -> {
                    long oldest = oldestTs.getAsLong();
                    callback.call(oldest == 0 ? 0 : (nowMillis.getAsLong() - oldest) / 1000.0);
                }).register(registry);
        for (Resume.Outcome outcome : Resume.Outcome.values()) {
            resumes.labelValues(outcome.label());
        }
    }

    /** Messages newly stored (one per stream). */
    public void stored(int messages) {
        stored.inc(messages);
    }

    /** A group commit of the inbox: how many writes it carried, how long it took. */
    public void committed(int writes, long nanos) {
        commitSize.observe(writes);
        commitTime.observe(nanos / 1e9);
    }

    /** A resume ended: its outcome, and how many messages it replayed. */
    public void resumed(Resume resume) {
        resumes.labelValues(resume.outcome().label()).inc();
        replayed.inc(resume.replay().size());
    }

    /** The registry, for a part with metrics of its own to register them in (mobile push's). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Cluster mode's gauges: whether Redis answers, and how many nodes are alive. */
    public void watchCluster(java.util.function.BooleanSupplier redisUp, IntSupplier liveNodes) {
        GaugeWithCallback.builder().name("tidings_cluster_redis_up").help("1 while Redis answers this node")
                .callback(callback -> callback.call(redisUp.getAsBoolean() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("tidings_cluster_nodes").help("Live nodes of the cluster")
                .callback(callback -> callback.call(liveNodes.getAsInt())).register(registry);
        for (String kind : new String[] {"stored", "live", "control"}) {
            clusterReceived.labelValues(kind);
        }
    }

    /** A message from the cluster arrived on this node's channels: stored, live or control. */
    public void clusterReceived(String kind) {
        clusterReceived.labelValues(kind).inc();
    }

    /** Messages read from Redis to fill a gap in what pub/sub brought. */
    public void clusterGapFilled(int messages) {
        clusterFilled.inc(messages);
    }

    /** Writes every metric in the Prometheus text format. */
    public void writeText(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
