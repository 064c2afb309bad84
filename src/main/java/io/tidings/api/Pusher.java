package io.tidings.api;

import io.tidings.auth.UidFormat;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;

/**
 * Hands validated pushes to the {@link DeliveryService} (the same one alertTip uses) and counts every push by
 * outcome: delivered (to at least one session), no_sessions (nobody targeted was online) or invalid.
 */
final class Pusher {
    private final DeliveryService delivery;
    private final Metrics metrics;

    Pusher(DeliveryService delivery, Metrics metrics) {
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /** Where a push's JSON comes from: a servlet's body, or the bytes a launcher read itself. */
    @FunctionalInterface
    interface Body {
        JsonValue read() throws ApiException, IOException;
    }

    /** Reads and validates one push; a refusal (400, 413) is counted invalid. */
    PushRequest parse(Body body) throws ApiException, IOException {
        try {
            return PushRequest.parse(body.read());
        } catch (ApiException e) {
            rejected();
            throw e;
        }
    }

    Receipt push(PushRequest push) {
        Receipt receipt = delivery.deliverOnce(push.idempotencyKey(), push.target(),
                (id, ts) -> new PushFrame(push.event(), push.data(), id, ts));
        return counted(receipt);
    }

    /**
     * Seed 001's text push: the line must be a JSON object whose "uid" names the recipient; the line itself is
     * what the uid's sessions receive.
     */
    Receipt pushVerbatim(String line) throws ApiException {
        JsonObject object = Fields.object(JsonBody.parse(line), "the line");
        String uid = UidFormat.fromJson(object.get("uid"));
        if (uid == null) {
            throw ApiException.badRequest("uid must be a string or whole number of " + UidFormat.RULE);
        }
        return counted(delivery.deliverVerbatim(new Target.Uid(uid), line));
    }

    /** A push refused before delivery. */
    void rejected() {
        metrics.pushRequest(Metrics.PushOutcome.INVALID);
    }

    private Receipt counted(Receipt receipt) {
        metrics.pushRequest(receipt.delivered() > 0 ? Metrics.PushOutcome.DELIVERED
                : Metrics.PushOutcome.NO_SESSIONS);
        return receipt;
    }
}
