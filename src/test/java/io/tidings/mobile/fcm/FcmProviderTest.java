package io.tidings.mobile.fcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigException;
import io.tidings.config.PushSettings;
import io.tidings.mobile.Device;
import io.tidings.mobile.Notification;
import io.tidings.mobile.Outcome;
import io.tidings.mobile.Platform;
import io.tidings.testing.FcmMock;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FCM provider against a real HTTP server playing Google's token endpoint and messages:send. */
class FcmProviderTest {
    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
    private FcmMock google;
    private FcmProvider provider;

    @BeforeEach
    void start() throws Exception {
        google = new FcmMock(dir);
        provider = FcmProvider.open(new PushSettings.Fcm(google.accountFile(),
                URI.create(google.settings().get("TIDINGS_FCM_URL"))), clock::get);
    }

    @AfterEach
    void stop() {
        provider.close();
        google.close();
    }

    private static Notification to(String token) {
        return new Notification(new Device("7", Platform.FCM, token, null, null, 0), null, "收到3条新的回复.", 5,
                "chat-9", 42, "abcdefghij", "room", 3);
    }

    private Outcome send(String token) throws Exception {
        return provider.send(to(token)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAcceptedMessageCarriesItsInboxPositionInDataAndItsCollapseKey() throws Exception {
        assertEquals(Outcome.accepted(), send("dev-1"));

        JsonObject message = google.received().get(0).message();
        assertEquals("dev-1", message.getString("token"));
        assertEquals("收到3条新的回复.", message.getJsonObject("notification").getString("body"));
        JsonObject data = message.getJsonObject("data");
        assertEquals("42", data.getString("seq"));
        assertEquals("abcdefghij", data.getString("epoch"));
        assertEquals("room", data.getString("group"));
        assertEquals("3", data.getString("count"));
        assertEquals("chat-9", message.getJsonObject("android").getString("collapse_key"));
        assertEquals("chat-9", message.getJsonObject("android").getJsonObject("notification").getString("tag"));
        assertEquals(5, message.getJsonObject("android").getJsonObject("notification").getInt("notification_count"));
    }

    @Test
    void oneAccessTokenServesAboutAnHourThenAnotherIsFetched() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(Outcome.accepted(), send("dev-" + i));
        }
        assertEquals(1, google.tokensIssued());

        clock.addAndGet(Duration.ofMinutes(54).toMillis());
        send("dev-a");
        assertEquals(1, google.tokensIssued(), "still valid for more than the five minutes' margin");
        clock.addAndGet(Duration.ofMinutes(2).toMillis());
        send("dev-b");
        assertEquals(2, google.tokensIssued());
        assertEquals("tok-2", google.received().get(google.received().size() - 1).bearer());
    }

    @Test
    void unregisteredAndABadTokenAreGoneSinceTheSend() throws Exception {
        google.answer("old", FcmMock.Answer.error(404, "UNREGISTERED"));
        google.answer("bad", FcmMock.Answer.error(400, "INVALID_ARGUMENT_TOKEN"));
        google.answer("other", FcmMock.Answer.error(403, "SENDER_ID_MISMATCH"));

        assertEquals(Outcome.gone("UNREGISTERED", clock.get()), send("old"));
        assertEquals(Outcome.Kind.GONE, send("bad").kind());
        assertEquals(Outcome.Kind.GONE, send("other").kind());
    }

    @Test
    void aBadPayloadIsRejectedNotBlamedOnTheDevice() throws Exception {
        google.answer("dev", FcmMock.Answer.error(400, "INVALID_ARGUMENT"));

        assertEquals(Outcome.rejected("INVALID_ARGUMENT"), send("dev"));
    }

    @Test
    void quotaAndUnavailableAreTriedAgainHonouringRetryAfter() throws Exception {
        google.answer("busy", new FcmMock.Answer(429, "QUOTA_EXCEEDED", "7", 0));
        google.answer("down", new FcmMock.Answer(503, "UNAVAILABLE", null, 0));

        assertEquals(Outcome.retry("QUOTA_EXCEEDED", 7000), send("busy"));
        assertEquals(Outcome.retry("UNAVAILABLE", 0), send("down"));
    }

    @Test
    void refusedCredentialsAreAnAuthError() throws Exception {
        google.answer("dev", FcmMock.Answer.error(403, "PERMISSION_DENIED_X"));
        assertEquals(Outcome.Kind.AUTH, send("dev").kind());

        provider.close();
        provider = FcmProvider.open(new PushSettings.Fcm(google.accountFile(),
                URI.create(google.settings().get("TIDINGS_FCM_URL"))), clock::get);
        google.refuseTokens(FcmMock.Answer.error(400, null));
        assertEquals(Outcome.Kind.AUTH, send("dev-2").kind());
    }

    @Test
    void aTokenFcmRefusesIsDroppedAndTheNextSendFetchesAnother() throws Exception {
        send("dev-1");
        google.answerAll(FcmMock.Answer.error(401, null));
        assertEquals(Outcome.Kind.AUTH, send("dev-2").kind());
        google.answerAll(null);

        assertEquals(Outcome.accepted(), send("dev-3"));
        assertEquals(2, google.tokensIssued());
    }

    @Test
    void anUnusableServiceAccountStopsStartupNamingTheSettingNeverTheKey() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"client_email\":\"x@y\",\"private_key\":"
                + "\"-----BEGIN PRIVATE KEY-----\\nc2VjcmV0\\n-----END PRIVATE KEY-----\\n\",\"token_uri\":"
                + "\"https://oauth2.example/token\",\"project_id\":\"p\"}");

        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> FcmProvider.open(new PushSettings.Fcm(broken, null), clock::get));

        assertTrue(e.getMessage().contains("TIDINGS_FCM_SERVICE_ACCOUNT"), e.getMessage());
        assertTrue(e.getMessage().contains("private_key"), e.getMessage());
        assertTrue(!e.getMessage().contains("c2VjcmV0"), e.getMessage());
    }
}
