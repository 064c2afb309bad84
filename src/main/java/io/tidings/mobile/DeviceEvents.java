package io.tidings.mobile;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.event.EventContext;
import io.tidings.event.OnEvent;
import io.tidings.push.Failures;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {"event":"device",...}: a signed-in app registers its push token for its own uid (or removes it, on sign-out)
 * without its backend. A field of the wrong JSON type closes 4003 like any malformed frame; a registration the
 * registry refuses, or one on a server without push, is answered {"event":"device","error":...}.
 */
public final class DeviceEvents {
    private final Devices devices;

    /** @param devices the registry, or null when push is off */
    public DeviceEvents(Devices devices) {
        this.devices = devices;
    }

    /** {"event":"device","platform":"apns"|"fcm","token":T,"topic":optional,"env":optional,"remove":optional}. */
    public record DeviceRequest(JsonValue platform, JsonValue token, JsonValue topic, JsonValue env,
            JsonValue remove) {
    }

    /** The answer: registered (with the uid's device count) or removed, or an error. */
    @JsonbPropertyOrder({"event", "platform", "registered", "removed", "devices", "error"})
    public record DeviceReply(String event, String platform, Boolean registered, Boolean removed, Integer devices,
            String error) {
        static DeviceReply error(String error) {
            return new DeviceReply("device", null, null, null, null, error);
        }
    }

    @OnEvent("device")
    public void device(EventContext context, DeviceRequest request) throws CloseException {
        String platform = text(request.platform());
        String token = text(request.token());
        String topic = text(request.topic());
        String env = text(request.env());
        boolean remove = flag(request.remove());
        if (devices == null) {
            context.reply(DeviceReply.error("mobile push is off on this server"));
            return;
        }
        try {
            if (remove) {
                devices.remove(context.uid(), token).whenComplete((removed, failure) -> context.reply(
                        failure != null ? DeviceReply.error(Failures.publicReason(failure))
                                : new DeviceReply("device", null, null, removed, null, null)));
                return;
            }
            devices.register(context.uid(), platform, token, topic, env).whenComplete((done, failure) ->
                    context.reply(failure != null ? DeviceReply.error(Failures.publicReason(failure))
                            : new DeviceReply("device", platform, true, null, done.devices(), null)));
        } catch (Devices.Refused e) {
            context.reply(DeviceReply.error(e.getMessage()));
        }
    }

    private static String text(JsonValue value) throws CloseException {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new CloseException(CloseReason.DATA_INVALID);
    }

    private static boolean flag(JsonValue value) throws CloseException {
        if (value == null || value == JsonValue.FALSE || value == JsonValue.NULL) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new CloseException(CloseReason.DATA_INVALID);
    }
}
