package io.tidings.mobile;

import io.tidings.config.PushSettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The device registry as the API and the socket use it: the one place a registration is checked (each refusal
 * names its field), defaults filled in (TIDINGS_APNS_TOPIC, TIDINGS_APNS_ENV), the per-uid cap applied.
 */
public final class Devices {
    /** APNs device tokens are 32 bytes today, in hex; Apple says they may grow, so up to 100 bytes is taken. */
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-]{1,4096}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._\\-]{1,255}");

    private final DeviceStore store;
    private final PushSettings settings;
    private final Set<Platform> configured;
    private final LongSupplier clock;

    /** A registration or removal refused: the message names the field and what it must be. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A registration done: the device as stored, how many the uid has now, and the oldest it displaced. */
    public record Registered(Device device, int devices, List<Device> dropped) {
    }

    /** @param clock epoch ms */
    Devices(DeviceStore store, PushSettings settings, Set<Platform> configured, LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.configured = Set.copyOf(configured);
        this.clock = clock;
    }

    /**
     * Registers a device for a uid (its token taken from any other uid); beyond TIDINGS_MAX_DEVICES_PER_UID the
     * uid's oldest registration is dropped, since a phone that reinstalled the app can never unregister the old
     * token itself. Every argument but uid is as the client sent it (null when absent).
     */
    public CompletableFuture<Registered> register(String uid, String platformName, String token, String topic,
            String env) throws Refused {
        Platform platform = platform(platformName);
        Device device = switch (platform) {
            case APNS -> new Device(uid, platform, apnsToken(token), topic(topic), env(env), clock.getAsLong());
            case FCM -> {
                onlyForApns(topic, "topic");
                onlyForApns(env, "env");
                yield new Device(uid, platform, fcmToken(token), null, null, clock.getAsLong());
            }
        };
        return store.register(device, settings.maxDevicesPerUid())
                .thenApply(dropped -> new Registered(device, store.devices(uid).size(), dropped));
    }

    /** Removes the uid's device with this token (as registered: an APNs token in any case). */
    public CompletableFuture<Boolean> remove(String uid, String token) throws Refused {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            throw new Refused("token is required: the token the device was registered with");
        }
        // APNs tokens are kept in lower case; FCM tokens are never hex alone.
        return store.remove(uid, APNS_TOKEN.matcher(token).matches() ? token.toLowerCase(Locale.ROOT) : token);
    }

    public List<Device> list(String uid) {
        return store.devices(uid);
    }

    private Platform platform(String name) throws Refused {
        Platform platform = Platform.of(name);
        if (platform == null) {
            throw new Refused("platform is required: apns or fcm");
        }
        if (!configured.contains(platform)) {
            throw new Refused("platform " + name + " is not configured on this server ("
                    + (platform == Platform.APNS ? "TIDINGS_APNS_KEY_FILE, TIDINGS_APNS_KEY_ID, TIDINGS_APNS_TEAM_ID"
                            : "TIDINGS_FCM_SERVICE_ACCOUNT") + ")");
        }
        return platform;
    }

    private static String apnsToken(String token) throws Refused {
        if (token == null || !APNS_TOKEN.matcher(token).matches()) {
            throw new Refused("token must be the APNs device token in hex (64 to 200 hex digits)");
        }
        return token.toLowerCase(Locale.ROOT);
    }

    private static String fcmToken(String token) throws Refused {
        if (token == null || !FCM_TOKEN.matcher(token).matches()) {
            throw new Refused("token must be the FCM registration token (1 to 4096 of A-Z a-z 0-9 _ : . -)");
        }
        return token;
    }

    private String topic(String topic) throws Refused {
        if (topic == null) {
            if (settings.apns().topic() == null) {
                throw new Refused("topic is required for apns (the app's bundle id), since TIDINGS_APNS_TOPIC is"
                        + " not set");
            }
            return settings.apns().topic();
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw new Refused("topic must be the app's bundle id (1 to 255 of A-Z a-z 0-9 . _ -)");
        }
        return topic;
    }

    private PushSettings.Env env(String env) throws Refused {
        if (env == null) {
            return settings.apns().env();
        }
        for (PushSettings.Env known : PushSettings.Env.values()) {
            if (known.name().toLowerCase(Locale.ROOT).equals(env)) {
                return known;
            }
        }
        throw new Refused("env must be production or sandbox (the build's aps-environment)");
    }

    private static void onlyForApns(String value, String field) throws Refused {
        if (value != null) {
            throw new Refused(field + " is for apns devices only");
        }
    }
}
