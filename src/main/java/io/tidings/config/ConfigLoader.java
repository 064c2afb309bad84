package io.tidings.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@link TidingsConfig} from its sources, checks every value and reports all bad settings at once.
 * Precedence, highest first: servlet context parameter (WAR only), system property, environment variable,
 * default. In dev mode a missing key is made, or taken from the {@link DevKeys} that keep an earlier run's (and
 * {@link #generated()} says which).
 */
public final class ConfigLoader {
    /** TIDINGS_KEY's least length, which the server and scripts/token both hold a key to. */
    public static final int MIN_KEY_LENGTH = 32;
    static final int MIN_API_KEY_LENGTH = 16;

    private final Function<String, String> source;
    private final DevKeys devKeys;
    private final List<String> problems = new ArrayList<>();
    private final List<String> generated = new ArrayList<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    /**
     * A setting this loader has read, with its default as text (as README.md's configuration table writes it),
     * or null when it has none (unset means absent, required or off). A default that depends on dev mode is the
     * one the setting was read with.
     */
    public record Setting(String name, String defaultValue) {
    }

    private ConfigLoader(Function<String, String> source, DevKeys devKeys) {
        this.source = source;
        this.devKeys = devKeys;
    }

    /** Environment and system properties: the embedded launcher's sources; dev keys kept in the user's directory. */
    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(process(name -> null), DevKeys.ofUser(System::getenv));
    }

    /** A WAR's sources: its servlet context parameters first, then system properties and environment. */
    public static ConfigLoader withContextParameters(Function<String, String> contextParameters) {
        return new ConfigLoader(process(contextParameters), DevKeys.none());
    }

    private static Function<String, String> process(Function<String, String> contextParameters) {
        return name -> firstNonBlank(contextParameters.apply(name), System.getProperty(systemPropertyName(name)),
                System.getenv(name));
    }

    /**
     * This loader, with a default for one setting that only its caller knows (the embedded launcher's data
     * directory, which a WAR must be given).
     */
    public ConfigLoader withDefault(String name, String value) {
        Function<String, String> outer = source;
        return new ConfigLoader(setting -> {
            String given = outer.apply(setting);
            return given == null && setting.equals(name) ? value : given;
        }, devKeys);
    }

    /** Exactly the given values and nothing from the process: for tests and tools. */
    public static ConfigLoader fromMap(Map<String, String> values) {
        return fromMap(values, DevKeys.none());
    }

    /** Exactly the given values, with dev keys kept where the caller says. */
    public static ConfigLoader fromMap(Map<String, String> values, DevKeys devKeys) {
        return new ConfigLoader(values::get, devKeys);
    }

    /** TIDINGS_HEARTBEAT_IDLE becomes tidings.heartbeat.idle. */
    static String systemPropertyName(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Loads and validates; throws {@link ConfigException} naming every invalid setting. */
    public TidingsConfig load() {
        TidingsConfig config = read();
        check();
        return config;
    }

    /**
     * Reads the shared settings, collecting what is wrong instead of throwing, so that an edge with settings of
     * its own (the embedded launcher) can read those with the same loader and {@link #check} report them all.
     */
    public TidingsConfig read() {
        boolean dev = bool("TIDINGS_DEV", false);
        ClusterSettings cluster = cluster();
        PushSettings push = PushSettings.read(this);
        return new TidingsConfig(
                secret("TIDINGS_KEY", MIN_KEY_LENGTH, dev, true),
                dev,
                seconds("TIDINGS_HEARTBEAT_IDLE", 125),
                seconds("TIDINGS_HEARTBEAT_INTERVAL", 60),
                choice("TIDINGS_SESSION_POLICY", SessionPolicy.NEWEST),
                integer("TIDINGS_MAX_FRAME", 65536, 128, 16 << 20),
                integer("TIDINGS_SEND_QUEUE", 1 << 20, 1024, 256 << 20),
                secret("TIDINGS_API_KEY", MIN_API_KEY_LENGTH, dev, false),
                integer("TIDINGS_TEXT_PUSH_PORT", 0, 0, 65535),
                text("TIDINGS_TEXT_PUSH_HOST", "127.0.0.1"),
                limits(),
                security(dev),
                apiLimits(),
                bool("TIDINGS_COMPRESSION", false),
                inbox(cluster != null),
                push, chat(), cluster);
    }

    /** Throws {@link ConfigException} naming every invalid setting read so far; nothing when all are valid. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private Limits limits() {
        return new Limits(
                integer("TIDINGS_EVENT_RATE", 20, 1, 100_000),
                integer("TIDINGS_EVENT_BURST", 40, 1, 100_000),
                integer("TIDINGS_MAX_SESSIONS_PER_UID", 16, 1, 10_000),
                integer("TIDINGS_MAX_CONNECTIONS", 100_000, 0, 10_000_000),
                integer("TIDINGS_MAX_CONNECTIONS_PER_ADDRESS", 0, 0, 10_000_000),
                integer("TIDINGS_HANDSHAKE_RATE", 10_000, 0, 1_000_000),
                integer("TIDINGS_MAX_JSON_DEPTH", 8, 2, 1000));
    }

    private InboxSettings inbox(boolean clustered) {
        boolean given = source.apply("TIDINGS_INBOX") != null && !source.apply("TIDINGS_INBOX").isBlank();
        InboxSettings.Store store = choice("TIDINGS_INBOX", InboxSettings.Store.SQLITE);
        if (clustered && !given) {
            store = InboxSettings.Store.REDIS;
        } else if (clustered && store != InboxSettings.Store.REDIS && store != InboxSettings.Store.OFF) {
            problems.add("TIDINGS_INBOX=" + store.name().toLowerCase(Locale.ROOT) + " cannot be used with"
                    + " TIDINGS_REDIS_URL: a cluster keeps its inbox in Redis (leave TIDINGS_INBOX unset, or set it"
                    + " to off)");
        } else if (!clustered && store == InboxSettings.Store.REDIS) {
            problems.add("TIDINGS_INBOX=redis needs TIDINGS_REDIS_URL (cluster mode)");
        }
        String dir = raw("TIDINGS_DATA_DIR", null);
        return new InboxSettings(store, dir == null ? null : Path.of(dir),
                integer("TIDINGS_INBOX_MAX", 1000, 1, 1_000_000),
                seconds("TIDINGS_INBOX_TTL", 30 * 86_400, 365 * 86_400),
                number("TIDINGS_INBOX_MAX_BYTES", 1L << 30, 1L << 20, 1L << 50),
                choice("TIDINGS_INBOX_FSYNC", InboxSettings.Fsync.COMMIT),
                Duration.ofMillis(integer("TIDINGS_INBOX_COMMIT_EVERY", 5, 0, 1000)),
                integer("TIDINGS_RESUME_MAX", 300, 0, 100_000));
    }

    private ChatSettings chat() {
        return new ChatSettings(
                choice("TIDINGS_CHAT", ChatSettings.Access.OPEN),
                integer("TIDINGS_CHAT_HISTORY", 20, 0, ChatSettings.MAX_HISTORY),
                Duration.ofSeconds(integer("TIDINGS_CHAT_PING", 10, 0, 3600)),
                zone("TIDINGS_CHAT_TIMEZONE", "UTC"));
    }

    private ZoneId zone(String name, String fallback) {
        String value = text(name, fallback);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            problems.add(name + " must be a time zone such as UTC, +08:00 or Asia/Shanghai, not '" + value + "'");
            return ZoneId.of(fallback);
        }
    }

    /** Cluster mode, or null without TIDINGS_REDIS_URL. */
    private ClusterSettings cluster() {
        String url = raw("TIDINGS_REDIS_URL", null);
        String prefix = text("TIDINGS_REDIS_PREFIX", "tidings");
        String nodeId = raw("TIDINGS_NODE_ID", null);
        if (!prefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            problems.add("TIDINGS_REDIS_PREFIX must be 1 to 64 characters from A-Z a-z 0-9 _ . : -, not '" + prefix
                    + "'");
        }
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9_.:@-]{1,64}")) {
            problems.add("TIDINGS_NODE_ID must be 1 to 64 characters from A-Z a-z 0-9 _ . : @ -, not '" + nodeId
                    + "'");
        }
        Path ca = TrustedCertificates.read(this, "TIDINGS_REDIS_CA");
        if (url == null) {
            if (ca != null) {
                problems.add("TIDINGS_REDIS_CA is set without TIDINGS_REDIS_URL: it is the CA a cluster node trusts"
                        + " for rediss://");
            }
            return null;
        }
        ClusterSettings.RedisLayout layout = RedisUrl.parse(url, problems);
        if (layout != null && ca != null && layout.uris().stream().noneMatch(uri -> uri.startsWith("rediss"))) {
            problems.add("TIDINGS_REDIS_CA is set, but TIDINGS_REDIS_URL names no rediss:// (TLS) server");
        }
        return layout == null ? null : new ClusterSettings(layout, prefix, nodeId, ca);
    }

    private ApiLimits apiLimits() {
        return new ApiLimits(
                integer("TIDINGS_API_MAX_BODY", 1 << 20, 1024, 64 << 20),
                integer("TIDINGS_MAX_GROUPS", 10_000, 1, 10_000_000),
                integer("TIDINGS_MAX_GROUP_MEMBERS", 100_000, 1, 10_000_000),
                integer("TIDINGS_MAX_MEMBERSHIPS", 1_000_000, 1, 100_000_000));
    }

    private Security security(boolean dev) {
        List<String> origins = origins(dev);
        String previousKey = secret("TIDINGS_PREVIOUS_KEY", MIN_KEY_LENGTH, false, false);
        Instant until = instant("TIDINGS_PREVIOUS_KEY_UNTIL");
        if (previousKey != null && until == null) {
            problems.add("TIDINGS_PREVIOUS_KEY_UNTIL is required with TIDINGS_PREVIOUS_KEY"
                    + " (an ISO-8601 instant such as 2026-12-01T00:00:00Z)");
        }
        return new Security(origins, bool("TIDINGS_LEGACY_TOKENS", true), previousKey, until);
    }

    private List<String> origins(boolean dev) {
        String value = raw("TIDINGS_ALLOWED_ORIGINS", null);
        if (value == null) {
            return dev ? Security.DEV_ORIGINS : List.of();
        }
        List<String> origins = new ArrayList<>();
        for (String origin : value.split(",")) {
            String trimmed = origin.trim();
            if (!trimmed.matches("https?://[^/\\s]+")) {
                problems.add("TIDINGS_ALLOWED_ORIGINS entries must look like https://host[:port] (or :* for any port),"
                        + " not '" + trimmed + "'");
            }
            origins.add(trimmed);
        }
        return origins;
    }

    private Instant instant(String name) {
        String value = raw(name, null);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, not '" + value + "'");
            return null;
        }
    }

    /** A problem found by a reader of some settings in this package (one naming the setting). */
    void problem(String message) {
        problems.add(message);
    }

    /** Every setting read so far, in reading order: what README.md's configuration table must document. */
    public List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    /** Names of the secrets that dev mode made or took from its {@link #devKeys()} during {@link #load()}. */
    public List<String> generated() {
        return List.copyOf(generated);
    }

    /** Where dev mode keeps the keys it makes. */
    public DevKeys devKeys() {
        return devKeys;
    }

    /** The value as given (trimmed), or null when unset or blank; records the setting and its default. */
    private String raw(String name, String defaultValue) {
        settings.putIfAbsent(name, new Setting(name, defaultValue));
        String value = source.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A text setting, trimmed; the fallback when unset or blank. */
    public String text(String name, String fallback) {
        String value = raw(name, fallback);
        return value == null ? fallback : value;
    }

    /** A whole number from min to max; otherwise a problem naming the setting and its range. */
    public int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    private Duration seconds(String name, int fallback) {
        return seconds(name, fallback, 86_400);
    }

    private Duration seconds(String name, int fallback, int max) {
        return Duration.ofSeconds(integer(name, fallback, 1, max));
    }

    /** A whole number from min to max that may exceed an int (a size in bytes). */
    public long number(String name, long fallback, long min, long max) {
        String value = raw(name, Long.toString(fallback));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        return fallback;
    }

    /** true/false (also 1/0, yes/no, on/off). */
    public boolean bool(String name, boolean fallback) {
        String value = raw(name, Boolean.toString(fallback));
        if (value == null) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> { return true; }
            case "false", "0", "no", "off" -> { return false; }
            default -> {
                problems.add(name + " must be true or false, not '" + value + "'");
                return fallback;
            }
        }
    }

    /** One of an enum's constants, by its name in any case. */
    public <E extends Enum<E>> E choice(String name, E fallback) {
        String value = text(name, fallback.name().toLowerCase(Locale.ROOT));
        try {
            return Enum.valueOf(fallback.getDeclaringClass(), value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String choices = java.util.Arrays.stream(fallback.getDeclaringClass().getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(" or "));
            problems.add(name + " must be " + choices + ", not '" + value + "'");
            return fallback;
        }
    }

    /** A secret is never echoed in a message: only its length is. */
    private String secret(String name, int minLength, boolean dev, boolean required) {
        String value = raw(name, null);
        if (value == null && dev) {
            generated.add(name);
            return devKeys.key(name, minLength);
        }
        if (value == null) {
            if (required) {
                problems.add(name + " is required (at least " + minLength
                        + " characters); or set TIDINGS_DEV=true to generate one for local testing");
            }
            return null;
        }
        if (value.length() < minLength) {
            problems.add(name + " must be at least " + minLength + " characters long (it has " + value.length() + ")");
        }
        return value;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
