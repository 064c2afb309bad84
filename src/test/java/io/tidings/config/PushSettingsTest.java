package io.tidings.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.Tidings;
import io.tidings.testing.ApnsMock;
import io.tidings.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mobile push's settings: off when absent, every problem of a half-configured provider named at startup. */
class PushSettingsTest {
    static final String KEY = "k".repeat(32);

    @TempDir
    Path dir;

    static PushSettings load(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("TIDINGS_KEY", KEY);
        return ConfigLoader.fromMap(all).load().push();
    }

    static String problems(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("TIDINGS_KEY", KEY);
        return assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(all).load()).getMessage();
    }

    @Test
    void withoutProviderSettingsPushIsOffWithTheDocumentedDefaults() {
        PushSettings push = load(Map.of());
        assertFalse(push.enabled());
        assertNull(push.apns());
        assertNull(push.fcm());
        assertEquals(Duration.ofSeconds(3), push.collapse());
        assertEquals(Duration.ZERO, push.after());
        assertEquals(10, push.attempts());
        assertEquals(10, push.maxDevicesPerUid());
        assertEquals("收到一条新的回复.", push.text());
    }

    @Test
    void aHalfConfiguredProviderNamesWhatIsMissingTogetherWithEveryOtherProblem() {
        String message = problems(Map.of("TIDINGS_APNS_KEY_ID", "KEY1234567", "TIDINGS_FCM_URL", "http://x/send",
                "TIDINGS_PUSH_COLLAPSE", "soon"));

        assertTrue(message.contains("TIDINGS_APNS_KEY_FILE, TIDINGS_APNS_TEAM_ID are required for APNs push, since"
                + " TIDINGS_APNS_KEY_ID is set"), message);
        assertTrue(message.contains("TIDINGS_FCM_SERVICE_ACCOUNT is required for FCM push, since TIDINGS_FCM_URL is"
                + " set"), message);
        assertTrue(message.contains("TIDINGS_PUSH_COLLAPSE must be a whole number"), message);
    }

    @Test
    void appleIdsAndUrlsAreChecked() {
        String message = problems(Map.of("TIDINGS_APNS_KEY_FILE", "/k.p8", "TIDINGS_APNS_KEY_ID", "short",
                "TIDINGS_APNS_TEAM_ID", "TEAM123456", "TIDINGS_APNS_URL", "localhost:443"));

        assertTrue(message.contains("TIDINGS_APNS_KEY_ID must be the 10 capital letters"), message);
        assertTrue(message.contains("TIDINGS_APNS_URL must be an http(s) URL"), message);
        assertFalse(message.contains("TIDINGS_APNS_TEAM_ID must"), message);
    }

    @Test
    void pushWithoutAnInboxStopsStartup() throws Exception {
        Map<String, String> settings = new HashMap<>(new ApnsMock(dir).settings());
        settings.put("TIDINGS_INBOX", "off");

        ConfigException e = assertThrows(ConfigException.class, () -> Tidings.start(TestServer.config(settings)));

        assertTrue(e.getMessage().contains("TIDINGS_INBOX=off, but mobile push needs the inbox"), e.getMessage());
    }

    @Test
    void anUnreadableKeyFileStopsStartupNamingItsSetting() throws Exception {
        Map<String, String> settings = new HashMap<>(new ApnsMock(dir).settings());
        settings.put("TIDINGS_APNS_KEY_FILE", Files.writeString(dir.resolve("not-a-key.p8"), "hello").toString());

        ConfigException e = assertThrows(ConfigException.class, () -> Tidings.start(TestServer.config(settings)));

        assertTrue(e.getMessage().contains("TIDINGS_APNS_KEY_FILE " + dir.resolve("not-a-key.p8")), e.getMessage());
    }
}
