package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.TidingsConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's own settings, read with the shared ones and reported with them. */
class ServerSettingsTest {
    static final String KEY = "k".repeat(32);

    @Test
    void defaultsMatchTheDocumentedValues() {
        ConfigLoader loader = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", KEY));
        ServerSettings settings = ServerSettings.read(loader, loader.load().dev());
        assertEquals(9501, settings.port());
        assertEquals("0.0.0.0", settings.host());
        assertEquals(ServerSettings.Transport.DIRECT, settings.webSocket());
        assertFalse(settings.requestLog());
        assertEquals(Duration.ofSeconds(20), settings.requestTimeout());
        assertEquals("127.0.0.1", ServerSettings.read(ConfigLoader.fromMap(Map.of()), true).host(),
                "dev mode listens on loopback only");
    }

    @Test
    void aBadLauncherSettingIsNamedWithEveryBadSharedOne() {
        ConfigLoader loader = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", "short", "TIDINGS_PORT", "99999",
                "TIDINGS_HEARTBEAT_IDLE", "abc", "TIDINGS_EMBEDDED_WEBSOCKET", "core", "TIDINGS_REQUEST_LOG", "maybe",
                "TIDINGS_REQUEST_TIMEOUT", "0"));
        TidingsConfig config = loader.read();
        ServerSettings.read(loader, config.dev());
        ConfigException failure = assertThrows(ConfigException.class, loader::check);
        for (String name : new String[] {"TIDINGS_KEY", "TIDINGS_PORT", "TIDINGS_HEARTBEAT_IDLE",
                "TIDINGS_EMBEDDED_WEBSOCKET", "TIDINGS_REQUEST_LOG", "TIDINGS_REQUEST_TIMEOUT"}) {
            assertTrue(failure.getMessage().contains(name), name + " named in: " + failure.getMessage());
        }
        assertTrue(failure.getMessage().contains("TIDINGS_EMBEDDED_WEBSOCKET must be direct or jakarta, not 'core'"),
                failure.getMessage());
    }

    @Test
    void compressionServesSessionsThroughTheJakartaTransport() {
        TidingsConfig config = ConfigLoader.fromMap(Map.of("TIDINGS_KEY", KEY, "TIDINGS_COMPRESSION", "true")).load();
        ServerSettings direct = new ServerSettings(0, "127.0.0.1", ServerSettings.Transport.DIRECT, false,
                Duration.ofSeconds(20), 0);
        assertEquals(ServerSettings.Transport.JAKARTA, direct.transportFor(config));
    }
}
