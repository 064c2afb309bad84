package io.tidings.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.Security;
import java.nio.charset.StandardCharsets;
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

    /** Found by TokenFuzzTest: Nimbus multiplies exp by 1000 in a long, which wraps around. */
    @Test
    void anExpSoLargeItWouldWrapAroundIsRefused() throws Exception {
        Authenticator authenticator = authenticator(true, null, null, CLOCK);
        // Read as a date 290 million years ahead: a token that had expired would never expire.
        assertEquals(CloseReason.TOKEN_INVALID, rejection(authenticator, null,
                signed("{\"sub\":\"7\",\"exp\":-9300000000000000}")));
        // Read as 2027-01-15.
        assertEquals(CloseReason.TOKEN_INVALID, rejection(authenticator, null,
                signed("{\"sub\":\"7\",\"exp\":18446745873709552}")));
    }

    /** RFC 7519: a JWT must not be accepted before its nbf; a minute of leeway covers clock skew. */
    @Test
    void aTokenIsRefusedBeforeItsNotBeforeTime() throws Exception {
        Authenticator authenticator = authenticator(true, null, null, CLOCK);
        long now = NOW.getEpochSecond();
        String claims = "{\"sub\":\"7\",\"exp\":" + (now + 3600) + ",\"nbf\":";
        assertEquals(CloseReason.TOKEN_INVALID, rejection(authenticator, null, signed(claims + (now + 61) + "}")));
        assertEquals("7", authenticator.authenticate(null, signed(claims + (now + 60) + "}")));
        assertEquals("7", authenticator.authenticate(null, signed(claims + (now - 60) + "}")));
    }

    /** Found by TokenFuzzTest: Nimbus names the uid after a double, so only whole numbers in long range pass. */
    @Test
    void aNumericSubMustBeAWholeNumber() throws Exception {
        Authenticator authenticator = authenticator(true, null, null, CLOCK);
        String exp = ",\"exp\":" + (NOW.getEpochSecond() + 3600) + "}";
        assertEquals("7", authenticator.authenticate(null, signed("{\"sub\":7" + exp)));
        for (String sub : List.of("7.0", "1e2", "-9.3e157", "12345678901234567891")) {
            String token = signed("{\"sub\":" + sub + exp);
            assertEquals(CloseReason.TOKEN_INVALID, rejection(authenticator, null, token), sub);
        }
    }

    static String signed(String claims) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claims));
        jws.sign(new MACSigner(KEY.getBytes(StandardCharsets.UTF_8)));
        return jws.serialize();
    }

    @Test
    void anExpiredTokenSignedWithThePreviousKeyIsReportedExpired() {
        String oldJwt = new JwtToken(OLD, CLOCK).issue("7", Duration.ofSeconds(-1));
        Authenticator rotating = authenticator(true, OLD, NOW.plusSeconds(60), CLOCK);
        assertEquals(CloseReason.TOKEN_EXPIRED, rejection(rotating, null, oldJwt));
    }
}
