package io.tidings.push;

import io.tidings.metrics.Metrics;
import jakarta.json.bind.Jsonb;
import java.time.Clock;

/**
 * The single path for every delivery, from a client's alertTip and from the backend API alike: stamp an id and
 * time, encode the frame once, hand it to the {@link Broker}, count it.
 */
public final class DeliveryService {
    private final Broker broker;
    private final MessageIds ids;
    private final Jsonb jsonb;
    private final Clock clock;
    private final Metrics metrics;
    private final IdempotencyWindow recent = new IdempotencyWindow(System::nanoTime);

    public DeliveryService(Broker broker, MessageIds ids, Jsonb jsonb, Clock clock, Metrics metrics) {
        this.broker = broker;
        this.ids = ids;
        this.jsonb = jsonb;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Like {@link #deliver(Target, FrameFactory)}, but at most once per idempotency key within
     * {@link IdempotencyWindow#WINDOW}: a retried push answers the first try's receipt, marked duplicate.
     */
    public Receipt deliverOnce(String idempotencyKey, Target target, FrameFactory factory) {
        if (idempotencyKey == null) {
            return deliver(target, factory);
        }
        return recent.once(idempotencyKey, () -> deliver(target, factory));
    }

    /** Delivers a frame built by the factory to the target's live sessions. */
    public Receipt deliver(Target target, FrameFactory factory) {
        long started = System.nanoTime();
        String id = ids.next();
        long ts = clock.millis();
        Message message = new Message(id, ts, jsonb.toJson(factory.frame(id, ts)));
        return publish(target, message, started);
    }

    /** Delivers a frame text verbatim (seed 001's text push port); it still gets an id for tracing. */
    public Receipt deliverVerbatim(Target target, String frame) {
        long started = System.nanoTime();
        return publish(target, new Message(ids.next(), clock.millis(), frame), started);
    }

    private Receipt publish(Target target, Message message, long started) {
        int delivered = broker.publish(target, message);
        metrics.delivered(delivered, System.nanoTime() - started);
        return new Receipt(message.id(), delivered);
    }
}
