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
    private final AfterPublish after;
    private final IdempotencyWindow recent = new IdempotencyWindow(System::nanoTime);

    /** @param storing whether there is an inbox to keep messages in (TIDINGS_INBOX is not off) */
    public DeliveryService(Broker broker, MessageIds ids, Jsonb jsonb, Clock clock, Metrics metrics,
            boolean storing) {
        this(broker, ids, jsonb, clock, metrics, storing, AfterPublish.NONE);
    }

    /** @param after told of each stored message that may go to phones (mobile push), or {@link AfterPublish#NONE} */
    public DeliveryService(Broker broker, MessageIds ids, Jsonb jsonb, Clock clock, Metrics metrics,
            boolean storing, AfterPublish after) {
        this.broker = broker;
        this.ids = ids;
        this.jsonb = jsonb;
        this.clock = clock;
        this.metrics = metrics;
        this.storing = storing;
        this.after = after;
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
        return deliver(target, factory, keep, idempotencyKey, Mobile.DEFAULT);
    }

    /**
     * As {@link #deliver(Target, FrameFactory, boolean, String)}, saying what the recipients' phones get when no
     * live session of theirs receives it (mobile push); the receipt completes once those push jobs are stored.
     */
    public CompletableFuture<Receipt> deliver(Target target, FrameFactory factory, boolean keep,
            String idempotencyKey, Mobile mobile) {
        if (idempotencyKey == null) {
            return publish(target, factory, keep, null, mobile);
        }
        return recent.once(idempotencyKey, () -> publish(target, factory, keep, idempotencyKey, mobile));
    }

    /** A live-only delivery (a reply to another session, a signal): never stored, no key. */
    public CompletableFuture<Receipt> deliver(Target target, FrameFactory factory) {
        return deliver(target, factory, false, null, Mobile.OFF);
    }

    /** Delivers a frame text verbatim, live only (seed 001's text push port); it still gets an id for tracing. */
    public CompletableFuture<Receipt> deliverVerbatim(Target target, String frame) {
        long started = System.nanoTime();
        Message message = new Message(target, ids.next(), clock.millis(), frame, false, null);
        return broker.publish(message).thenApply(published -> receipt(message, published, started));
    }

    private CompletableFuture<Receipt> publish(Target target, FrameFactory factory, boolean keep, String key,
            Mobile mobile) {
        long started = System.nanoTime();
        String id = ids.next();
        long ts = clock.millis();
        String json = jsonb.toJson(factory.frame(id, ts));
        boolean stored = keep && storing;
        if (stored && target instanceof Target.Uids many
                && (long) json.length() * many.uids().size() > TooLargeToStore.MAX_CHARS) {
            return CompletableFuture.failedFuture(new TooLargeToStore(many.uids().size(),
                    (long) json.length() * many.uids().size()));
        }
        // Only a stored message goes to phones: the app opens at its position in the inbox.
        boolean phones = stored && after != AfterPublish.NONE && mobile.wanted(target);
        Message message = new Message(target, id, ts, json, stored, key, phones);
        CompletableFuture<Published> published = broker.publish(message);
        if (!phones) {
            return published.thenApply(done -> receipt(message, done, started));
        }
        return published.thenCompose(done -> {
            Receipt receipt = receipt(message, done, started);
            return after.published(message, done, mobile).handle((jobs, failure) -> receipt);
        });
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
