package io.tidings.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final String KEY = "k".repeat(32);

    @Test
    void defaultsMatchTheDocumentedValues() {
        TidingsConfig config = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", KEY)).load();
        assertEquals(Duration.ofSeconds(125), config.heartbeatIdle());
        assertEquals(Duration.ofSeconds(60), config.heartbeatInterval());
        assertEquals(SessionPolicy.NEWEST, config.sessionPolicy());
        assertEquals(65536, config.maxFrame());
        assertFalse(config.dev());
        assertFalse(config.apiEnabled());
        assertEquals(0, config.textPushPort());
    }

    @Test
    void everyInvalidSettingIsNamedAtOnce() {
        Map<String, String> bad = new HashMap<>();
        bad.put("TIDINGS_KEY", "short");
        bad.put("TIDINGS_HEARTBEAT_IDLE", "abc");
        bad.put("TIDINGS_SESSION_POLICY", "oldest");
        bad.put("TIDINGS_DEV", "maybe");
        bad.put("TIDINGS_MAX_FRAME", "-1");
        ConfigException failure = assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(bad).load());
        for (String name : bad.keySet()) {
            assertTrue(failure.getMessage().contains(name), name + " named in: " + failure.getMessage());
        }
        assertFalse(failure.getMessage().contains("short'"), "the bad key itself is never echoed");
    }

    @Test
    void aMissingKeyStopsStartupOutsideDevMode() {
        ConfigException failure = assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(Map.of()).load());
        assertTrue(failure.getMessage().contains("TIDINGS_KEY is required"));
    }

    @Test
    void devModeGeneratesMissingKeys() {
        ConfigLoader loader = ConfigLoader.fromMap(Map.of("TIDINGS_DEV", "true"));
        TidingsConfig config = loader.load();
        assertTrue(config.key().length() >= 32);
        assertTrue(config.apiEnabled());
        assertEquals(List.of("TIDINGS_KEY", "TIDINGS_API_KEY"), loader.generated());
        assertFalse(config.toString().contains(config.key()), "toString hides the key");
    }

    @Test
    void contextParametersWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        System.setProperty("tidings.heartbeat.idle", "30");
        try {
            Map<String, String> context = Map.of("TIDINGS_KEY", KEY, "TIDINGS_HEARTBEAT_INTERVAL", "7");
            TidingsConfig config = ConfigLoader.withContextParameters(context::get).load();
            assertEquals(Duration.ofSeconds(30), config.heartbeatIdle());
            assertEquals(Duration.ofSeconds(7), config.heartbeatInterval());
            System.setProperty("tidings.heartbeat.interval", "9");
            assertEquals(Duration.ofSeconds(7), ConfigLoader.withContextParameters(context::get).load().heartbeatInterval());
        } finally {
            System.clearProperty("tidings.heartbeat.idle");
            System.clearProperty("tidings.heartbeat.interval");
        }
    }

    @Test
    void onlyDeflateIsEverNegotiatedAndOnlyWhenCompressionIsOn() {
        TidingsConfig off = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", KEY)).load();
        TidingsConfig on = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", KEY, "TIDINGS_COMPRESSION", "true")).load();
        assertFalse(off.negotiates("permessage-deflate"));
        assertTrue(on.negotiates("permessage-deflate"));
        for (String other : List.of("fragment", "identity", "x-webkit-deflate-frame")) {
            assertFalse(on.negotiates(other), other);
        }
        assertEquals(Duration.ofSeconds(2 * (125 + 60)), off.idleBackstop());
    }
}
