package io.tidings.mobile.apns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.server.RejectionReason;
import io.tidings.config.PushSettings;
import io.tidings.mobile.Device;
import io.tidings.mobile.Notification;
import io.tidings.mobile.Outcome;
import io.tidings.mobile.Platform;
import io.tidings.testing.ApnsMock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The APNs provider against Pushy's MockApnsServer over real TLS on loopback: each of Apple's answers. */
class ApnsProviderTest {
    @TempDir
    Path dir;
    private ApnsMock apple;
    private ApnsProvider provider;

    @BeforeEach
    void start() throws Exception {
        apple = new ApnsMock(dir).start();
        provider = ApnsProvider.open(settings());
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        apple.close();
    }

    private PushSettings.Apns settings() {
        return new PushSettings.Apns(apple.keyFile(), ApnsMock.KEY_ID, ApnsMock.TEAM_ID, ApnsMock.TOPIC,
                PushSettings.Env.PRODUCTION, URI.create("https://localhost:" + apple.port()), apple.caFile());
    }

    private static Notification to(String token, String topic) {
        return new Notification(new Device("7", Platform.APNS, token, topic, PushSettings.Env.PRODUCTION, 0),
                "Ann", "收到一条新的回复.", 3, "tidings-12", 42, "abcdefghij", null, 1);
    }

    private Outcome send(Notification notification) throws Exception {
        return provider.send(notification).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAcceptedPushCarriesItsInboxPositionBesideApsAndItsCollapseId() throws Exception {
        String token = apple.device(1);

        assertEquals(Outcome.Kind.ACCEPTED, send(to(token, ApnsMock.TOPIC)).kind());

        ApnsMock.Received received = apple.received().get(0);
        assertEquals(token, received.token());
        assertEquals(ApnsMock.TOPIC, received.topic());
        assertEquals("tidings-12", received.collapseId());
        JsonObject payload = Json.createReader(new StringReader(received.payload())).readObject();
        assertEquals(42, payload.getInt("seq"));
        assertEquals("abcdefghij", payload.getString("epoch"));
        JsonObject aps = payload.getJsonObject("aps");
        assertEquals("收到一条新的回复.", aps.getJsonObject("alert").getString("body"));
        assertEquals("Ann", aps.getJsonObject("alert").getString("title"));
        assertEquals(3, aps.getInt("badge"));
    }

    @Test
    void anUnknownTokenIsGone() throws Exception {
        Outcome outcome = send(to(String.format("%064x", 99), ApnsMock.TOPIC));

        assertEquals(Outcome.Kind.GONE, outcome.kind());
        assertEquals("DeviceTokenNotForTopic", outcome.reason());
    }

    @Test
    void anExpiredTokenIsGoneSinceApplesTimestamp() throws Exception {
        String token = apple.device(2);
        Instant since = Instant.parse("2026-01-02T03:04:05Z");
        apple.expire(token, since);

        Outcome outcome = send(to(token, ApnsMock.TOPIC));

        assertEquals(Outcome.Kind.GONE, outcome.kind());
        assertEquals("Unregistered", outcome.reason());
        assertEquals(since.toEpochMilli(), outcome.goneSince());
    }

    @Test
    void aTokenSentUnderAnotherAppsTopicIsGone() throws Exception {
        String token = apple.device(3);

        Outcome outcome = send(to(token, ApnsMock.OTHER_TOPIC));

        assertEquals(Outcome.Kind.GONE, outcome.kind());
        assertEquals("DeviceTokenNotForTopic", outcome.reason());
    }

    @Test
    void tooManyRequestsAndServiceUnavailableAreTriedAgain() throws Exception {
        String busy = apple.device(4);
        String down = apple.device(5);
        apple.reject(busy, RejectionReason.TOO_MANY_REQUESTS);
        apple.reject(down, RejectionReason.SERVICE_UNAVAILABLE);

        assertEquals(Outcome.retry("TooManyRequests", 0), send(to(busy, ApnsMock.TOPIC)));
        assertEquals(Outcome.retry("ServiceUnavailable", 0), send(to(down, ApnsMock.TOPIC)));
    }

    @Test
    void refusedCredentialsAreAnAuthErrorAndARefusedTopicIsRejected() throws Exception {
        String token = apple.device(6);
        apple.reject(token, RejectionReason.INVALID_PROVIDER_TOKEN);
        assertEquals(Outcome.auth("InvalidProviderToken"), send(to(token, ApnsMock.TOPIC)));

        apple.reject(token, RejectionReason.TOPIC_DISALLOWED);
        assertEquals(Outcome.rejected("TopicDisallowed"), send(to(token, ApnsMock.TOPIC)));
    }

    @Test
    void aStoppedServerIsTriedAgainNotLost() throws Exception {
        String token = apple.device(7);
        apple.stop();

        assertEquals(Outcome.Kind.RETRY, send(to(token, ApnsMock.TOPIC)).kind());
    }

    @Test
    void theProviderTokenIsReusedUntilItsTimeThenRenewedNeverSooner() throws Exception {
        assertTrue(ApnsProvider.TOKEN_TTL.compareTo(Duration.ofMinutes(20)) > 0
                && ApnsProvider.TOKEN_TTL.compareTo(Duration.ofMinutes(60)) < 0,
                "Apple wants a provider token renewed after 20 and within 60 minutes");
        provider.close();
        Duration ttl = Duration.ofSeconds(2);
        provider = ApnsProvider.open(settings(), ttl);
        String token = apple.device(8);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int sent = 0;
        while (System.nanoTime() < end) {
            assertEquals(Outcome.Kind.ACCEPTED, send(to(token, ApnsMock.TOPIC)).kind());
            sent++;
            Thread.sleep(50); // pacing the sends over the window, not synchronization
        }

        List<AuthenticationToken> seen = apple.providerTokens();
        assertEquals(sent, seen.size());
        List<Instant> issued = new ArrayList<>(new LinkedHashSet<>(seen.stream()
                .map(AuthenticationToken::getIssuedAt).toList()));
        assertTrue(issued.size() >= 2 && issued.size() <= 4, "a token per " + ttl + " over 5 s: " + issued);
        for (int i = 1; i < issued.size(); i++) {
            // iat has whole seconds: a renewal after 2 s shows as at least 1 s later
            assertTrue(Duration.between(issued.get(i - 1), issued.get(i)).toSeconds() >= 1, "renewed early: " + issued);
        }
    }
}
