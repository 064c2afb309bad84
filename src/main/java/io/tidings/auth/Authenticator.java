package io.tidings.auth;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import java.time.Clock;

/**
 * Decides who a connecting client is from its {@code uid} and {@code token} query parameters. A JWT names its
 * own uid ({@code sub}; a uid parameter, if given, must equal it); a legacy md5 token needs the uid parameter.
 * Every failure is a {@link CloseException} with the 4001 reason the client will see.
 */
public final class Authenticator {
    private final String key;
    private final JwtToken jwt;

    public Authenticator(String key, Clock clock) {
        this.key = key;
        this.jwt = new JwtToken(key, clock);
    }

    /** Returns the authenticated uid. */
    public String authenticate(String uid, String token) throws CloseException {
        if (token == null || token.isEmpty()) {
            throw new CloseException(CloseReason.ACCESS_FAILED);
        }
        if (JwtToken.looksLike(token)) {
            String subject = jwt.verify(token);
            if (uid != null && !uid.equals(subject)) {
                throw new CloseException(CloseReason.TOKEN_INVALID);
            }
            return subject;
        }
        if (!UidFormat.isValid(uid)) {
            throw new CloseException(CloseReason.ACCESS_FAILED);
        }
        if (!LegacyToken.matches(uid, token, key)) {
            throw new CloseException(CloseReason.TOKEN_INVALID);
        }
        return uid;
    }

    /** The JWT codec bound to this key, for issuing test and dev tokens. */
    public JwtToken jwt() {
        return jwt;
    }
}
