package io.tidings.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mobile push, part of {@link TidingsConfig}: off unless a provider is configured. A provider with some of its
 * required settings but not all stops startup with the missing ones named; so does an optional setting of a
 * provider that is not configured (it would silently do nothing).
 *
 * @param apns             APNs (TIDINGS_APNS_*), or null when not configured
 * @param fcm              FCM (TIDINGS_FCM_*), or null when not configured
 * @param collapse         TIDINGS_PUSH_COLLAPSE: a uid's pushes within this window of the first become one
 * @param after            TIDINGS_PUSH_AFTER: also push what a session received but nobody read within this;
 *                         zero for never
 * @param attempts         TIDINGS_PUSH_ATTEMPTS: tries per device before a push is dead-lettered
 * @param maxDevicesPerUid TIDINGS_MAX_DEVICES_PER_UID
 * @param text             TIDINGS_PUSH_TEXT: the text of a push that says none
 * @param textMany         TIDINGS_PUSH_TEXT_MANY: the text of a collapsed push, {n} the count
 */
public record PushSettings(Apns apns, Fcm fcm, Duration collapse, Duration after, int attempts,
        int maxDevicesPerUid, String text, String textMany) {
    /** Apple's key and team ids: 10 letters and digits. */
    private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");

    /** APNs environments: which of Apple's servers a device's token belongs to. */
    public enum Env {
        PRODUCTION, SANDBOX
    }

    /**
     * @param keyFile the .p8 signing key (TIDINGS_APNS_KEY_FILE)
     * @param topic   the default topic (the app's bundle id) for devices registered without one; may be null
     * @param env     the default environment for devices registered without one
     * @param url     a server to use instead of Apple's (tests, proxies), or null
     * @param ca      a PEM of certificates to trust instead of the system's, or null
     */
    public record Apns(Path keyFile, String keyId, String teamId, String topic, Env env, URI url, Path ca) {
    }

    /**
     * @param serviceAccount the service account's JSON key file (TIDINGS_FCM_SERVICE_ACCOUNT)
     * @param url            the send endpoint to use instead of Google's for the account's project, or null
     */
    public record Fcm(Path serviceAccount, URI url) {
    }

    /** Whether any provider is configured: otherwise push is off. */
    public boolean enabled() {
        return apns != null || fcm != null;
    }

    /** Reads the push settings; what is wrong waits in the loader until {@link ConfigLoader#check}. */
    static PushSettings read(ConfigLoader loader) {
        return new PushSettings(apns(loader), fcm(loader),
                Duration.ofSeconds(loader.integer("TIDINGS_PUSH_COLLAPSE", 3, 0, 3600)),
                Duration.ofSeconds(loader.integer("TIDINGS_PUSH_AFTER", 0, 0, 86_400)),
                loader.integer("TIDINGS_PUSH_ATTEMPTS", 10, 1, 100),
                loader.integer("TIDINGS_MAX_DEVICES_PER_UID", 10, 1, 1000),
                loader.text("TIDINGS_PUSH_TEXT", "收到一条新的回复."),
                loader.text("TIDINGS_PUSH_TEXT_MANY", "收到{n}条新的回复."));
    }

    private static Apns apns(ConfigLoader loader) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : List.of("TIDINGS_APNS_KEY_FILE", "TIDINGS_APNS_KEY_ID", "TIDINGS_APNS_TEAM_ID",
                "TIDINGS_APNS_TOPIC")) {
            given.put(name, loader.text(name, null));
        }
        Env env = loader.choice("TIDINGS_APNS_ENV", Env.PRODUCTION);
        given.put("TIDINGS_APNS_URL", loader.text("TIDINGS_APNS_URL", null));
        given.put("TIDINGS_APNS_CA", loader.text("TIDINGS_APNS_CA", null));
        if (!configured(loader, "APNs", given, "TIDINGS_APNS_KEY_FILE", "TIDINGS_APNS_KEY_ID",
                "TIDINGS_APNS_TEAM_ID")) {
            return null;
        }
        for (String name : List.of("TIDINGS_APNS_KEY_ID", "TIDINGS_APNS_TEAM_ID")) {
            if (!APPLE_ID.matcher(given.get(name)).matches()) {
                loader.problem(name + " must be the 10 capital letters and digits Apple shows, not '"
                        + given.get(name) + "'");
            }
        }
        String ca = given.get("TIDINGS_APNS_CA");
        return new Apns(Path.of(given.get("TIDINGS_APNS_KEY_FILE")), given.get("TIDINGS_APNS_KEY_ID"),
                given.get("TIDINGS_APNS_TEAM_ID"), given.get("TIDINGS_APNS_TOPIC"), env,
                uri(loader, "TIDINGS_APNS_URL", given.get("TIDINGS_APNS_URL")), ca == null ? null : Path.of(ca));
    }

    private static Fcm fcm(ConfigLoader loader) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("TIDINGS_FCM_SERVICE_ACCOUNT", loader.text("TIDINGS_FCM_SERVICE_ACCOUNT", null));
        given.put("TIDINGS_FCM_URL", loader.text("TIDINGS_FCM_URL", null));
        if (!configured(loader, "FCM", given, "TIDINGS_FCM_SERVICE_ACCOUNT")) {
            return null;
        }
        return new Fcm(Path.of(given.get("TIDINGS_FCM_SERVICE_ACCOUNT")),
                uri(loader, "TIDINGS_FCM_URL", given.get("TIDINGS_FCM_URL")));
    }

    /**
     * Whether a provider is configured: every required setting given. Some of its settings without all the
     * required ones is a problem naming the missing ones.
     *
     * @param given each of the provider's settings and its value, null when unset
     */
    private static boolean configured(ConfigLoader loader, String provider, Map<String, String> given,
            String... required) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            if (given.get(name) == null) {
                missing.add(name);
            }
        }
        List<String> set = given.keySet().stream().filter(name -> given.get(name) != null).toList();
        if (!missing.isEmpty() && !set.isEmpty()) {
            loader.problem(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " required for "
                    + provider + " push, since " + String.join(", ", set) + (set.size() == 1 ? " is" : " are")
                    + " set; set " + (missing.size() == 1 ? "it" : "them") + ", or unset the others to leave "
                    + provider + " off");
        }
        return missing.isEmpty();
    }

    private static URI uri(ConfigLoader loader, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        loader.problem(name + " must be an http(s) URL such as https://host:port/path, not '" + value + "'");
        return null;
    }

    @Override
    public String toString() {
        return "PushSettings[apns=" + (apns == null ? "off" : apns.env() + (apns.url() == null ? "" : " " + apns.url()))
                + ", fcm=" + (fcm == null ? "off" : fcm.url() == null ? "on" : fcm.url()) + ", collapse="
                + collapse.toSeconds() + "s, after=" + after.toSeconds() + "s, attempts=" + attempts
                + ", maxDevicesPerUid=" + maxDevicesPerUid + "]";
    }
}
