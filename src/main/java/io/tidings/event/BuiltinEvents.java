package io.tidings.event;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.auth.UidFormat;
import io.tidings.push.DeliveryService;
import io.tidings.push.Failures;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The events every Tidings server answers: ping, and seed 004's alertTip. */
public final class BuiltinEvents {
    /** Seed 004's alert text ("received a new reply"), used when alertTip carries no content. */
    public static final String DEFAULT_ALERT = "收到一条新的回复.";

    private final DeliveryService delivery;

    public BuiltinEvents(DeliveryService delivery) {
        this.delivery = delivery;
    }

    /** {"event":"pong"}: the answer to an application-level ping. */
    public record Pong(String event) {
        static final Pong INSTANCE = new Pong("pong");
    }

    /** {"event":"alertTip","toUid":X,"content":optional,"rid":optional}; X a number or a string. */
    public record AlertTipRequest(JsonValue toUid, JsonValue content, JsonValue rid) {
    }

    /** What every live session of the target receives. */
    @JsonbPropertyOrder({"event", "msg", "from", "id", "ts"})
    public record AlertTip(String event, String msg, String from, String id, long ts) {
    }

    /**
     * Sent back to the alertTip's sender when it carried a "rid": how many sessions took it, its id, and whether
     * (and where in the recipient's stream) it was stored; when it could not be stored, nothing was delivered and
     * error says why.
     */
    @JsonbPropertyOrder({"event", "rid", "delivered", "id", "seq", "stored", "error"})
    public record Ack(String event, JsonValue rid, int delivered, String id, Long seq, boolean stored, String error) {
        static Ack of(JsonValue rid, Receipt receipt) {
            Long seq = receipt.isStored() ? receipt.stored().get(0).seq() : null;
            return new Ack("ack", rid, receipt.delivered(), receipt.id(), seq, receipt.isStored(), null);
        }

        static Ack failed(JsonValue rid, Throwable failure) {
            return new Ack("ack", rid, 0, null, null, false, Failures.publicReason(failure));
        }
    }

    @OnEvent("ping")
    public void ping(EventContext context) {
        context.reply(Pong.INSTANCE);
    }

    @OnEvent("alertTip")
    public void alertTip(EventContext context, AlertTipRequest request) throws CloseException {
        String target = uidOf(request.toUid());
        String text = contentOf(request.content());
        String from = context.uid();
        JsonValue rid = request.rid() == JsonValue.NULL ? null : request.rid();
        delivery.deliver(new Target.Uid(target), (id, ts) -> new AlertTip("alertTip", text, from, id, ts), true, null)
                .whenComplete((receipt, failure) -> {
                    if (rid != null) {
                        context.reply(failure == null ? Ack.of(rid, receipt) : Ack.failed(rid, failure));
                    }
                });
    }

    /** Optional text; absent, null or blank means the default. Anything but a string is malformed. */
    private static String contentOf(JsonValue value) throws CloseException {
        if (value == null || value == JsonValue.NULL) {
            return DEFAULT_ALERT;
        }
        if (!(value instanceof JsonString string)) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return string.getString().isBlank() ? DEFAULT_ALERT : string.getString();
    }

    /** toUid may be a JSON string or a whole number (the seed's page sends numbers): {@link UidFormat#fromJson}. */
    private static String uidOf(JsonValue value) throws CloseException {
        String uid = UidFormat.fromJson(value);
        if (uid == null) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return uid;
    }
}
