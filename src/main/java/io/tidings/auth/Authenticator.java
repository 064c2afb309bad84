package io.tidings.auth;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.config.Security;
import java.time.Clock;
import java.time.Instant;

/**
 * Decides who a connecting client is from its {@code uid} and {@code token} query parameters. A JWT names its
 * own uid ({@code sub}; a uid parameter, if given, must equal it); a legacy md5 token needs the uid parameter
 * and can be switched off. During a key rotation the previous key is accepted until its deadline. Every
 * failure is a {@link CloseException} with the 4001 reason the client will see.
 */
public final class Authenticator {
    private final String key;
    private final JwtToken jwt;
    private final boolean legacyTokens;
    private final String previousKey;
    private final JwtToken previousJwt;
    private final Instant previousUntil;
    private final Clock clock;

    public Authenticator(String key, Security security, Clock clock) {
        this.key = key;
        this.jwt = new JwtToken(key, clock);
        this.legacyTokens = security.legacyTokens();
        this.previousKey = security.previousKey();
        this.previousJwt = previousKey == null ? null : new JwtToken(previousKey, clock);
        this.previousUntil = security.previousKeyUntil();
        this.clock = clock;
    }

    /** Returns the authenticated uid. */
    public String authenticate(String uid, String token) throws CloseException {
        if (token == null || token.isEmpty()) {
            throw new CloseException(CloseReason.ACCESS_FAILED);
        }
        if (JwtToken.looksLike(token)) {
            String subject = verifyJwt(token);
            if (uid != null && !uid.equals(subject)) {
                throw new CloseException(CloseReason.TOKEN_INVALID);
            }
            return subject;
        }
        if (!UidFormat.isValid(uid)) {
            throw new CloseException(CloseReason.ACCESS_FAILED);
        }
        boolean valid = legacyTokens && (LegacyToken.matches(uid, token, key)
                || previousKeyActive() && LegacyToken.matches(uid, token, previousKey));
        if (!valid) {
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
        return uid;
    }

    private String verifyJwt(String token) throws CloseException {
        try {
            return jwt.verify(token);
        } catch (CloseException e) {
            if (e.reason() != CloseReason.TOKEN_INVALID || !previousKeyActive()) {
                throw e;
            }
            return previousJwt.verify(token);
        }
    }

    private boolean previousKeyActive() {
        return previousKey != null && clock.instant().isBefore(previousUntil);
    }

    /** The JWT codec bound to the current key, for issuing test and dev tokens. */
    public JwtToken jwt() {
        return jwt;
    }
}
