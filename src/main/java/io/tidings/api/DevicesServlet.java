package io.tidings.api;

import io.tidings.mobile.Device;
import io.tidings.mobile.Devices;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The mobile device registry for the backend: POST /api/devices {"uid":U,"platform":"apns"|"fcm","token":T,
 * "topic":optional,"env":optional} registers, DELETE /api/devices {"uid":U,"token":T} removes, GET
 * /api/devices?uid=U lists. 400 names the field a registration got wrong; 404 when mobile push is off.
 */
final class DevicesServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final Set<String> FIELDS = Set.of("uid", "platform", "token", "topic", "env");

    private final transient Devices devices;

    /** @param devices null when mobile push is off */
    DevicesServlet(ApiServlet.Common common, Devices devices) {
        super(common);
        this.devices = devices;
    }

    /** One device as the API shows it; registeredAt is ISO-8601 in UTC. */
    @JsonbPropertyOrder({"platform", "token", "topic", "env", "registeredAt"})
    public record Shown(String platform, String token, String topic, String env, String registeredAt) {
        static Shown of(Device device) {
            return new Shown(device.platform().label(), device.token(), device.topic(),
                    device.env() == null ? null : device.env().name().toLowerCase(Locale.ROOT),
                    Instant.ofEpochMilli(device.registeredAt()).toString());
        }
    }

    /** A registration: the device as stored, the uid's count now, and how many oldest ones it displaced. */
    @JsonbPropertyOrder({"uid", "device", "devices", "dropped"})
    public record Registered(String uid, Shown device, int devices, int dropped) {
    }

    @JsonbPropertyOrder({"uid", "token", "removed"})
    public record Removed(String uid, String token, boolean removed) {
    }

    @JsonbPropertyOrder({"uid", "devices"})
    public record Listed(String uid, List<Shown> devices) {
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        if (devices == null) {
            throw new ApiException(404, "mobile push is off: configure APNs (TIDINGS_APNS_KEY_FILE, ...) or FCM"
                    + " (TIDINGS_FCM_SERVICE_ACCOUNT) to register devices");
        }
        switch (request.getMethod()) {
            case "GET" -> {
                String uid = JsonFields.uidParameter(request.getParameter("uid"));
                return new Listed(uid, devices.list(uid).stream().map(Shown::of).toList());
            }
            case "DELETE" -> {
                return remove(body(request));
            }
            default -> {
                expect(request, "POST");
                return register(body(request));
            }
        }
    }

    private CompletableFuture<Registered> register(JsonObject body) throws ApiException {
        JsonFields.allowOnly(body, FIELDS);
        String uid = JsonFields.uid(body, "uid");
        try {
            return devices.register(uid, text(body, "platform"), text(body, "token"), text(body, "topic"),
                    text(body, "env")).thenApply(done -> new Registered(uid, Shown.of(done.device()), done.devices(),
                            done.dropped().size()));
        } catch (Devices.Refused e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private CompletableFuture<Removed> remove(JsonObject body) throws ApiException {
        JsonFields.allowOnly(body, Set.of("uid", "token"));
        String uid = JsonFields.uid(body, "uid");
        String token = text(body, "token");
        try {
            return devices.remove(uid, token).thenApply(removed -> new Removed(uid, token, removed));
        } catch (Devices.Refused e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** An optional string field; any other JSON type is a 400 naming it. */
    private static String text(JsonObject body, String field) throws ApiException {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return text.getString();
    }
}
