package io.tidings.event;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.metrics.Metrics;
import io.tidings.json.JsonInput;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

/**
 * Turns one inbound text frame into one handler call. A frame must be a JSON object of whole Unicode strings
 * with a non-empty string "event" (else 4003), naming an event in the {@link EventTable} (else 4004); its
 * payload record is bound from the same frame (a wrong shape is 4003 too).
 */
public final class Dispatcher {
    private final EventTable table;
    private final Jsonb jsonb;
    private final Metrics metrics;
    private final JsonInput input;

    /** @param maxDepth deepest nesting a frame may have (Parsson enforces it while parsing) */
    public Dispatcher(EventTable table, Jsonb jsonb, Metrics metrics, int maxDepth) {
        this.table = table;
        this.jsonb = jsonb;
        this.metrics = metrics;
        // Duplicate keys are rejected: {"event":"ping","event":"alertTip"} must not mean different things to
        // the dispatcher and to the payload binding.
        this.input = new JsonInput(maxDepth);
    }

    public void dispatch(LiveSession caller, String text) throws CloseException {
        EventTable.Handler handler = handlerFor(parse(text));
        Object payload = handler.payloadType() == null ? null : bind(text, handler.payloadType());
        metrics.inboundEvent(handler.event());
        invoke(handler, new EventContext(caller, jsonb), payload);
    }

    /** Exactly one JSON object of whole Unicode strings ({@link JsonInput}), and nothing after it. */
    private JsonObject parse(String text) throws CloseException {
        JsonValue frame;
        try {
            frame = input.parse(text);
        } catch (JsonInput.Invalid e) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        if (!(frame instanceof JsonObject object)) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return object;
    }

    private EventTable.Handler handlerFor(JsonObject frame) throws CloseException {
        if (!(frame.get("event") instanceof JsonString name) || name.getString().isEmpty()) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        EventTable.Handler handler = table.find(name.getString());
        if (handler == null) {
            metrics.inboundEvent("unknown");
            throw new CloseException(CloseReason.EVENT_UNKNOWN);
        }
        return handler;
    }

    private Object bind(String text, Class<?> type) throws CloseException {
        try {
            return jsonb.fromJson(text, type);
        } catch (JsonbException | JsonException e) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
    }

    private static void invoke(EventTable.Handler handler, EventContext context, Object payload)
            throws CloseException {
        try {
            handler.method().invokeExact(context, payload);
        } catch (CloseException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("event handler " + handler.event() + " failed", e);
        }
    }
}
