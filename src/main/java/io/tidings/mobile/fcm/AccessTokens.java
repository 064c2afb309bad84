package io.tidings.mobile.fcm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The OAuth access token FCM's API wants: got from the account's token_uri with a JWT assertion (RS256, an hour
 * long) and reused until five minutes before it expires (Google gives an hour), so there is about one token
 * request an hour. Concurrent sends share one request; a send told 401 drops the token so the next fetches one.
 */
final class AccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final long MARGIN_MILLIS = Duration.ofMinutes(5).toMillis();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The token endpoint refused the account: the credentials are wrong, not the network. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private record Token(String value, long expiresAt) {
    }

    private final ServiceAccount account;
    private final HttpClient http;
    private final LongSupplier clock;
    private Token token;
    private CompletableFuture<Token> fetching;

    /** @param clock epoch ms */
    AccessTokens(ServiceAccount account, HttpClient http, LongSupplier clock) {
        this.account = account;
        this.http = http;
        this.clock = clock;
    }

    /** A token valid for a while yet: the cached one, or one being fetched. */
    synchronized CompletableFuture<String> current() {
        if (token != null && clock.getAsLong() < token.expiresAt() - MARGIN_MILLIS) {
            return CompletableFuture.completedFuture(token.value());
        }
        CompletableFuture<Token> pending = fetching;
        if (pending == null) {
            CompletableFuture<Token> fetch = fetch();
            fetching = fetch;
            fetch.whenComplete((fetched, failure) -> finished(fetch, fetched));
            pending = fetch;
        }
        return pending.thenApply(Token::value);
    }

    private synchronized void finished(CompletableFuture<Token> fetch, Token fetched) {
        if (fetching == fetch) {
            fetching = null;
        }
        if (fetched != null) {
            token = fetched;
        }
    }

    /** FCM said this token is not valid (401): the next send fetches another. */
    synchronized void invalidate(String value) {
        if (token != null && token.value().equals(value)) {
            token = null;
        }
    }

    private CompletableFuture<Token> fetch() {
        long now = clock.getAsLong();
        String body;
        try {
            body = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                    StandardCharsets.UTF_8) + "&assertion=" + assertion(now);
        } catch (JOSEException e) {
            return CompletableFuture.failedFuture(new Refused("the account's key cannot sign: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(account.tokenUri()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() >= 400 && response.statusCode() < 500) {
                throw new Refused("the token endpoint answered " + response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered " + response.statusCode());
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject json = reader.readObject();
                if (!(json.get("access_token") instanceof JsonString value)) {
                    throw new IllegalStateException("the token endpoint's answer has no access_token");
                }
                long seconds = json.get("expires_in") instanceof JsonNumber in ? in.longValue() : 3600;
                return new Token(value.getString(), now + seconds * 1000);
            }
        });
    }

    /** The signed JWT Google's OAuth server exchanges for a token (developers.google.com, "service accounts"). */
    private String assertion(long now) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(account.clientEmail()).claim("scope", SCOPE)
                .audience(account.tokenUri().toString()).issueTime(new Date(now))
                .expirationTime(new Date(now + Duration.ofHours(1).toMillis())).build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(account.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(account.key()));
        return jwt.serialize();
    }
}
