package io.tidings.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tidings.config.Security;
import io.tidings.testing.StrictJson;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a genuine token is, worked out with JDK crypto and a strict JSON reader, independently of
 * {@link Authenticator}, {@link JwtToken} and Nimbus: the fuzz harness's judge.
 */
final class TokenOracle {
    static final String KEY = "fuzz-current-key-0123456789abcdef0123";
    static final String PREVIOUS = "fuzz-previous-key-0123456789abcdef012";
    static final String UNKNOWN = "fuzz-unknown-key-0123456789abcdef0123";
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    /** Who MACs the token: the current key, the previous one, a key the server never had, or nobody. */
    enum Signer {
        CURRENT, PREVIOUS, UNKNOWN, NONE;

        String key() {
            return switch (this) {
                case CURRENT -> KEY;
                case PREVIOUS -> TokenOracle.PREVIOUS;
                case UNKNOWN -> TokenOracle.UNKNOWN;
                case NONE -> null;
            };
        }
    }

    /** The server's security settings: legacy tokens on or off, a key rotation in its grace period or past it. */
    enum Setup {
        LEGACY_ON(true, null), LEGACY_OFF(false, null), ROTATING(true, NOW.plusSeconds(60)),
        ROTATION_OVER(true, NOW.minusSeconds(1));

        private final boolean legacy;
        private final Authenticator authenticator;

        Setup(boolean legacy, Instant previousUntil) {
            this.legacy = legacy;
            Security security = new Security(List.of(), legacy, previousUntil == null ? null : TokenOracle.PREVIOUS,
                    previousUntil);
            this.authenticator = new Authenticator(KEY, security, Clock.fixed(NOW, ZoneOffset.UTC));
        }

        Authenticator authenticator() {
            return authenticator;
        }

        List<String> acceptedKeys() {
            return this == ROTATING ? List.of(KEY, TokenOracle.PREVIOUS) : List.of(KEY);
        }
    }

    private final Setup setup;

    TokenOracle(Setup setup) {
        this.setup = setup;
    }

    /** An accepted uid must be well-formed, match the uid parameter if given, and come from a genuine token. */
    void checkAccepted(String accepted, String uidParameter, String token) {
        assertTrue(UID.matcher(accepted).matches(), "accepted a malformed uid");
        if (uidParameter != null) {
            assertEquals(uidParameter, accepted, "accepted uid differs from the uid parameter");
        }
        if (token.chars().filter(c -> c == '.').count() != 2) {
            assertTrue(setup.legacy, "accepted a legacy token with legacy tokens off");
            assertTrue(setup.acceptedKeys().stream().anyMatch(key -> legacyToken(accepted, key).equals(token)),
                    "accepted a legacy token that no accepted key made for " + accepted);
            return;
        }
        assertTrue(genuineJwt(token), "accepted a JWT that no accepted key signed");
        String[] parts = token.split("\\.", -1);
        Optional<JsonObject> maybeHeader = strictObject(decodeOrEmpty(withoutStrayCharacters(parts[0])));
        Optional<JsonObject> maybeClaims = strictObject(decodeOrEmpty(withoutStrayCharacters(parts[1])));
        if (!canonical(parts[0]) || !canonical(parts[1])) {
            // Nimbus's base64url decoder skips characters outside the alphabet. The MAC covers the text as sent,
            // so only the key's holder can make such a token; its claims are judged where they can be read.
            if (maybeHeader.isEmpty() || maybeClaims.isEmpty()) {
                return;
            }
        }
        JsonObject header = maybeHeader.orElseGet(() -> fail("accepted a JWT whose header is not strict JSON"));
        JsonObject claims = maybeClaims.orElseGet(() -> fail("accepted a JWT whose claims are not strict JSON"));
        assertEquals(Json.createValue("HS256"), header.get("alg"), "accepted alg " + header.get("alg"));
        assertTrue(isSubject(claims.get("sub"), accepted), "accepted uid is not the sub claim " + claims.get("sub"));
        assertTrue(seconds(claims.get("exp")).filter(exp -> exp.compareTo(nowSeconds()) > 0).isPresent(),
                "accepted a JWT without a future exp: " + claims.get("exp"));
        JsonValue notBefore = claims.get("nbf");
        BigDecimal latestNotBefore = nowSeconds().add(BigDecimal.valueOf(JwtToken.NOT_BEFORE_LEEWAY.toSeconds()));
        assertTrue(notBefore == null || seconds(notBefore).filter(nbf -> nbf.compareTo(latestNotBefore) <= 0)
                .isPresent(), "accepted a JWT before its nbf: " + notBefore);
    }

    /** sub is a string, or a whole number within long range (a backend's integer uid) written as that uid. */
    private static boolean isSubject(JsonValue sub, String uid) {
        if (sub instanceof JsonNumber number) {
            return number.isIntegral() && number.bigIntegerValue().bitLength() < 64
                    && number.bigIntegerValue().toString().equals(uid);
        }
        return Json.createValue(uid).equals(sub);
    }

    /** Three parts whose third is the canonical HS256 MAC of the first two under an accepted key. */
    boolean genuineJwt(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && setup.acceptedKeys().stream()
                .anyMatch(key -> base64Url(hmac(key, parts[0] + "." + parts[1])).equals(parts[2]));
    }

    /** A plainly valid token the server must take: right key, canonical header and claims, uid matching. */
    boolean mustAccept(boolean legacyToken, String subject, String uid, String token, Signer signer) {
        if (signer == Signer.NONE || !setup.acceptedKeys().contains(signer.key()) || subject == null
                || !UID.matcher(subject).matches()) {
            return false;
        }
        if (legacyToken) {
            return setup.legacy && subject.equals(uid);
        }
        String[] parts = token.split("\\.", -1);
        Optional<JsonObject> header = strictObject(decodeOrEmpty(parts[0]));
        Optional<JsonObject> claims = strictObject(decodeOrEmpty(parts[1]));
        return (uid == null || uid.equals(subject)) && canonical(parts[0]) && canonical(parts[1])
                && header.filter(TokenOracle::plainHeader).isPresent()
                && claims.filter(TokenOracle::plainClaims).isPresent();
    }

    private static boolean plainHeader(JsonObject header) {
        return Set.of("alg", "typ").containsAll(header.keySet())
                && Json.createValue("HS256").equals(header.get("alg"))
                && (!header.containsKey("typ") || Json.createValue("JWT").equals(header.get("typ")));
    }

    /** sub, a whole exp within a century from now, optionally a plain iat: nothing a verifier may doubt. */
    private static boolean plainClaims(JsonObject claims) {
        BigDecimal century = nowSeconds().add(BigDecimal.valueOf(100L * 365 * 24 * 3600));
        return Set.of("sub", "exp", "iat").containsAll(claims.keySet())
                && claims.get("sub") instanceof JsonString
                && whole(claims.get("exp")).filter(exp -> exp.compareTo(nowSeconds()) > 0 && exp.compareTo(century) < 0)
                        .isPresent()
                && (!claims.containsKey("iat") || whole(claims.get("iat"))
                        .filter(iat -> iat.signum() >= 0 && iat.compareTo(century) < 0).isPresent());
    }

    static String subjectOf(String claimsJson) {
        return strictObject(claimsJson).map(claims -> claims.get("sub"))
                .filter(JsonString.class::isInstance).map(sub -> ((JsonString) sub).getString()).orElse("");
    }

    static String legacy(String uid, Signer signer) {
        return signer == Signer.NONE ? md5Hex(md5Hex(uid)) : legacyToken(uid, signer.key());
    }

    static String legacyToken(String uid, String key) {
        return md5Hex(md5Hex(uid) + key);
    }

    static String jwt(String encodedHeader, String encodedClaims, Signer signer) {
        String signingInput = encodedHeader + "." + encodedClaims;
        return signingInput + "." + (signer == Signer.NONE ? "" : base64Url(hmac(signer.key(), signingInput)));
    }

    static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean canonical(String part) {
        return base64Url(decodeOrEmpty(part)).equals(part);
    }

    private static String withoutStrayCharacters(String part) {
        return part.replaceAll("[^A-Za-z0-9_-]", "");
    }

    /** Strict base64url of UTF-8 text, or "" when the part is not that. */
    static String decodeOrEmpty(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return "";
        }
    }

    private static Optional<JsonObject> strictObject(String json) {
        return StrictJson.object(json);
    }

    /** A JSON number as seconds (NumericDate may have a fraction). */
    private static Optional<BigDecimal> seconds(JsonValue value) {
        return value instanceof JsonNumber number ? Optional.of(number.bigDecimalValue()) : Optional.empty();
    }

    private static Optional<BigDecimal> whole(JsonValue value) {
        return value instanceof JsonNumber number && number.isIntegral() ? seconds(value) : Optional.empty();
    }

    private static BigDecimal nowSeconds() {
        return BigDecimal.valueOf(NOW.getEpochSecond());
    }

    private static byte[] hmac(String key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
