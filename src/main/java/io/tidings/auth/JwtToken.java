package io.tidings.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

/**
 * HS256 JWTs signed with TIDINGS_KEY: {@code sub} is the uid (a string, or a whole number), {@code exp} is
 * required, {@code nbf} is honoured when present (with {@link #NOT_BEFORE_LEEWAY} for clock skew). Every
 * algorithm but HS256 is refused, {@code alg: none} included (it does not even parse as a signed JWT). Parsing
 * and the constant-time MAC check are Nimbus JOSE+JWT's; only the claim rules are ours.
 */
public final class JwtToken {
    /** How far our clock may lag the issuer's for a fresh token's {@code nbf} (RFC 7519 allows a small leeway). */
    public static final Duration NOT_BEFORE_LEEWAY = Duration.ofSeconds(60);
    /**
     * 9999-12-31T23:59:59Z in seconds. Nimbus turns {@code exp} into milliseconds with a long multiplication,
     * which wraps around beyond about ±9.2e15 s: an exp of -9300000000000000 would read as a date far in the
     * future, so a NumericDate outside this range is refused before it is converted.
     */
    private static final double LATEST_NUMERIC_DATE = 253_402_300_799d;

    private final MACVerifier verifier;
    private final MACSigner signer;
    private final Clock clock;

    public JwtToken(String key, Clock clock) {
        byte[] secret = key.getBytes(StandardCharsets.UTF_8);
        try {
            this.verifier = new MACVerifier(secret);
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("TIDINGS_KEY is too short for HS256", e);
        }
        this.clock = clock;
    }

    /** True when the text has the three dot-separated parts of a compact JWS. */
    static boolean looksLike(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The verified subject (uid); throws with TOKEN_INVALID or TOKEN_EXPIRED otherwise. */
    public String verify(String token) throws CloseException {
        JWTClaimsSet claims = verifiedClaims(token);
        Date expiry = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        String subject = claims.getSubject();
        if (expiry == null || subject == null || !UidFormat.isValid(subject)) {
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
        if (notBefore != null && clock.instant().plus(NOT_BEFORE_LEEWAY).isBefore(notBefore.toInstant())) {
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
        if (!clock.instant().isBefore(expiry.toInstant())) {
            throw new CloseException(CloseReason.TOKEN_EXPIRED);
        }
        return subject;
    }

    private JWTClaimsSet verifiedClaims(String token) throws CloseException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new CloseException(CloseReason.TOKEN_INVALID);
            }
            Map<String, Object> raw = jwt.getPayload().toJSONObject();
            if (raw == null || !inRange(raw.get("exp")) || !inRange(raw.get("nbf")) || !plainSubject(raw.get("sub"))) {
                throw new CloseException(CloseReason.TOKEN_INVALID);
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | RuntimeException e) {
            // Not only ParseException: Nimbus 10.10 throws a NullPointerException for a header of JSON null
            // (found by TokenFuzzTest). Whatever the parser throws is about this token, not a server fault.
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
    }

    /**
     * A string, or a whole number within long range (a backend's integer uid). Nimbus would also take 1e2 or
     * 12345678901234567891 and name the uid "100.0" or "1.2345678901234567E19" after its double.
     */
    private static boolean plainSubject(Object sub) {
        return sub instanceof String || sub instanceof Long;
    }

    /** Absent, or a NumericDate Nimbus can turn into a date without overflow. */
    private static boolean inRange(Object numericDate) {
        return numericDate == null
                || numericDate instanceof Number seconds && Math.abs(seconds.doubleValue()) <= LATEST_NUMERIC_DATE;
    }

    /** Issues a token for a uid, valid for the given time: used by scripts/token, dev mode and tests. */
    public String issue(String uid, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(uid)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
