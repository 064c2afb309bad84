package io.tidings.push;

import io.tidings.metrics.Metrics;
import jakarta.json.bind.Jsonb;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The single path for every delivery, from a client's alertTip, the backend API and the text push port alike:
 * stamp an id and time, encode the frame once, hand it to the {@link Broker} (which stores it first when it is
 * to be kept), count it. Nothing here blocks: the receipt completes once the broker is done.
 */
public final class DeliveryService {
    private final Broker broker;
    private final MessageIds ids;
    private final Jsonb jsonb;
    private final Clock clock;
    private final Metrics metrics;
    private final boolean storing;
    private final IdempotencyWindow recent = new IdempotencyWindow(System::nanoTime);

    /** @param storing whether there is an inbox to keep messages in (TIDINGS_INBOX is not off) */
    public DeliveryService(Broker broker, MessageIds ids, Jsonb jsonb, Clock clock, Metrics metrics,
            boolean storing) {
        this.broker = broker;
        this.ids = ids;
        this.jsonb = jsonb;
        this.clock = clock;
        this.metrics = metrics;
        this.storing = storing;
    }

    /** Whether messages asked to be kept are stored (else every message is live only). */
    public boolean storing() {
        return storing;
    }

    /**
     * Delivers a frame built by the factory to the target's live sessions, kept in the inbox first when
     * {@code keep} and there is one; at most once per idempotency key (non-null) within
     * {@link IdempotencyWindow#WINDOW}: a retried push answers the first try's receipt, marked duplicate.
     */
    public CompletableFuture<Receipt> deliver(Target target, FrameFactory factory, boolean keep,
            String idempotencyKey) {
        if (idempotencyKey == null) {
            return publish(target, factory, keep, null);
        }
        return recent.once(idempotencyKey, () -> publish(target, factory, keep, idempotencyKey));
    }

    /** A live-only delivery (a reply to another session, a signal): never stored, no key. */
    public CompletableFuture<Receipt> deliver(Target target, FrameFactory factory) {
        return deliver(target, factory, false, null);
    }

    /** Delivers a frame text verbatim, live only (seed 001's text push port); it still gets an id for tracing. */
    public CompletableFuture<Receipt> deliverVerbatim(Target target, String frame) {
        long started = System.nanoTime();
        Message message = new Message(target, ids.next(), clock.millis(), frame, false, null);
        return broker.publish(message).thenApply(published -> receipt(message, published, started));
    }

    private CompletableFuture<Receipt> publish(Target target, FrameFactory factory, boolean keep, String key) {
        long started = System.nanoTime();
        String id = ids.next();
        long ts = clock.millis();
        String json = jsonb.toJson(factory.frame(id, ts));
        if (keep && storing && target instanceof Target.Uids many
                && (long) json.length() * many.uids().size() > TooLargeToStore.MAX_CHARS) {
            return CompletableFuture.failedFuture(new TooLargeToStore(many.uids().size(),
                    (long) json.length() * many.uids().size()));
        }
        Message message = new Message(target, id, ts, json, keep && storing, key);
        return broker.publish(message).thenApply(published -> receipt(message, published, started));
    }

    private Receipt receipt(Message message, Published published, long started) {
        metrics.delivered(published.delivered(), System.nanoTime() - started);
        if (!published.duplicate() && !published.stored().isEmpty()) {
            metrics.stored(published.stored().size());
        }
        String id = published.duplicate() ? published.stored().get(0).id() : message.id();
        return new Receipt(id, published.delivered(), published.duplicate(), published.stored());
    }
}
