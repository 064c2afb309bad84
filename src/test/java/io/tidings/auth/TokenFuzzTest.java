package io.tidings.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Coverage-guided fuzzing of {@link Authenticator#authenticate}: it returns a uid only for a token genuinely
 * made with an accepted key for that uid (checked by {@link TokenOracle} with plain JDK crypto, not with the
 * code under test), refuses everything else with a 4001 reason and never throws anything else.
 *
 * <p>Input layout: byte 0 steers, the rest is UTF-8 text split into fields at newlines. Bits 0-1 pick the
 * {@link Mode}, bits 2-3 the {@link TokenOracle.Signer}, bits 4-5 the {@link TokenOracle.Setup}, bits 6-7 what
 * the uid query parameter is ({@link #uidParameter}). Seeds:
 * src/test/resources/io/tidings/auth/TokenFuzzTestInputs/tokens/.
 */
class TokenFuzzTest {
    private static final Set<CloseReason> REFUSALS = Set.of(CloseReason.ACCESS_FAILED, CloseReason.TOKEN_INVALID,
            CloseReason.TOKEN_EXPIRED);

    /** How the token is made from the fields. */
    enum Mode {
        /** field 0 is the uid parameter, field 1 the token, as a client could send anything. */
        RAW,
        /** A legacy md5 token for the uid in field 0, made with the signer's key. */
        LEGACY,
        /** A JWT with header JSON field 0 and claims JSON field 1 (base64url-encoded here), MAC'd by the signer. */
        JWT,
        /** A JWT whose first two parts are fields 0 and 1 verbatim (odd encodings), MAC'd by the signer. */
        JWT_ENCODED
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"alg\"", "\"HS256\"", "\"none\"", "\"HS512\"", "\"RS256\"", "\"typ\"", "\"JWT\"",
        "\"crit\"", "\"b64\"", "\"kid\"", "\"jwk\"", "\"sub\"", "\"exp\"", "\"nbf\"", "\"iat\"", "\"aud\"",
        "1795000000", "1e308", "-9.3e15", "eyJhbGciOiJIUzI1NiJ9", "null"})
    void tokens(byte[] input) {
        int control = input.length == 0 ? 0 : input[0] & 0xff;
        String[] fields = input.length == 0 ? new String[0]
                : new String(input, 1, input.length - 1, StandardCharsets.UTF_8).split("\n", -1);
        Mode mode = Mode.values()[control & 3];
        TokenOracle.Signer signer = TokenOracle.Signer.values()[(control >> 2) & 3];
        TokenOracle.Setup setup = TokenOracle.Setup.values()[(control >> 4) & 3];
        TokenOracle oracle = new TokenOracle(setup);

        String subject = switch (mode) {
            case RAW -> null;
            case LEGACY -> field(fields, 0);
            case JWT -> TokenOracle.subjectOf(field(fields, 1));
            case JWT_ENCODED -> TokenOracle.subjectOf(TokenOracle.decodeOrEmpty(field(fields, 1)));
        };
        String token = switch (mode) {
            case RAW -> field(fields, 1);
            case LEGACY -> TokenOracle.legacy(subject, signer);
            case JWT -> TokenOracle.jwt(TokenOracle.base64Url(field(fields, 0)),
                    TokenOracle.base64Url(field(fields, 1)), signer);
            case JWT_ENCODED -> TokenOracle.jwt(field(fields, 0), field(fields, 1), signer);
        };
        String uid = mode == Mode.RAW ? field(fields, 0) : uidParameter(control >> 6, subject, field(fields, 2));

        String accepted = null;
        CloseReason refused = null;
        try {
            accepted = setup.authenticator().authenticate(uid, token);
        } catch (CloseException e) {
            refused = e.reason();
        }
        if (refused != null) {
            assertTrue(REFUSALS.contains(refused), "refused with " + refused);
            if (refused == CloseReason.TOKEN_EXPIRED) {
                assertTrue(oracle.genuineJwt(token), "'token expired' for a token no accepted key made");
            }
        } else {
            oracle.checkAccepted(accepted, uid, token);
        }
        if (mode != Mode.RAW && oracle.mustAccept(mode == Mode.LEGACY, subject, uid, token, signer)) {
            assertEquals(subject, accepted, "a genuine token for " + subject + " was refused with " + refused);
        }
    }

    /** 0: none; 1: the token's own uid; 2: field 2 (anything); 3: empty. */
    private static String uidParameter(int choice, String subject, String other) {
        return switch (choice & 3) {
            case 0 -> null;
            case 1 -> subject;
            case 2 -> other;
            default -> "";
        };
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }
}
