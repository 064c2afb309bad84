package io.tidings.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token rules behind the handshake: legacy switch and key rotation with a grace period. */
class AuthenticatorTest {
    static final String KEY = "new-key-0123456789abcdef0123456789";
    static final String OLD = "old-key-0123456789abcdef0123456789";
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Authenticator authenticator(boolean legacy, String previous, Instant until, Clock clock) {
        return new Authenticator(KEY, new Security(List.of(), legacy, previous, until), clock);
    }

    static CloseReason rejection(Authenticator authenticator, String uid, String token) {
        return assertThrows(CloseException.class, () -> authenticator.authenticate(uid, token)).reason();
    }

    @Test
    void legacyTokensCanBeSwitchedOffWhileJwtsStillWork() throws Exception {
        Authenticator strict = authenticator(false, null, null, CLOCK);
        assertEquals(CloseReason.TOKEN_INVALID, rejection(strict, "7", LegacyToken.issue("7", KEY)));
        assertEquals("7", strict.authenticate(null, new JwtToken(KEY, CLOCK).issue("7", Duration.ofMinutes(1))));
    }

    @Test
    void thePreviousKeyIsAcceptedOnlyUntilItsDeadline() throws Exception {
        String oldLegacy = LegacyToken.issue("7", OLD);
        String oldJwt = new JwtToken(OLD, CLOCK).issue("7", Duration.ofHours(2));
        Authenticator rotating = authenticator(true, OLD, NOW.plusSeconds(60), CLOCK);
        assertEquals("7", rotating.authenticate("7", oldLegacy));
        assertEquals("7", rotating.authenticate(null, oldJwt));
        assertEquals("7", rotating.authenticate("7", LegacyToken.issue("7", KEY)));

        Clock later = Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC);
        Authenticator expired = authenticator(true, OLD, NOW.plusSeconds(60), later);
        assertEquals(CloseReason.TOKEN_INVALID, rejection(expired, "7", oldLegacy));
        assertEquals(CloseReason.TOKEN_INVALID, rejection(expired, null, oldJwt));
    }

    @Test
    void anExpiredTokenSignedWithThePreviousKeyIsReportedExpired() {
        String oldJwt = new JwtToken(OLD, CLOCK).issue("7", Duration.ofSeconds(-1));
        Authenticator rotating = authenticator(true, OLD, NOW.plusSeconds(60), CLOCK);
        assertEquals(CloseReason.TOKEN_EXPIRED, rejection(rotating, null, oldJwt));
    }
}
