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

/**
 * HS256 JWTs signed with TIDINGS_KEY: {@code sub} is the uid, {@code exp} is required. Every algorithm but
 * HS256 is refused, {@code alg: none} included (it does not even parse as a signed JWT). Parsing and the
 * constant-time MAC check are Nimbus JOSE+JWT's; only the claim rules are ours.
 */
public final class JwtToken {
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
        String subject = claims.getSubject();
        if (expiry == null || subject == null || !UidFormat.isValid(subject)) {
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
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
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
