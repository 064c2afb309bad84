package io.tidings.testing;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pushy's MockApnsServer over real TLS on loopback, with Apple's validation (topics, tokens, provider tokens
 * signed by the .p8 key made here), plus scripted answers per device token (429, 503, a stall) and a record of
 * every notification it accepted and every provider token it saw. Keys and certificate are made at test time.
 */
public final class ApnsMock implements AutoCloseable {
    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";
    public static final String TOPIC = "io.tidings.app";
    /** A topic the key may push to, whose tokens are not the ones registered for {@link #TOPIC}. */
    public static final String OTHER_TOPIC = "io.tidings.other";

    /** A notification the mock accepted. */
    public record Received(String token, String topic, String collapseId, String payload) {
    }

    private final Path keyFile;
    private final Path caFile;
    private final KeyPair tls = TestKeys.ec();
    private final X509Certificate certificate = TestKeys.selfSigned(tls);
    private final ApnsVerificationKey verificationKey;
    private final Map<String, Set<String>> tokensByTopic = new ConcurrentHashMap<>();
    private final Map<String, Instant> expired = new ConcurrentHashMap<>();
    private final Map<String, RejectionReason> rejections = new ConcurrentHashMap<>();
    private final Map<String, Long> stalls = new ConcurrentHashMap<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<String> providerTokens = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile RejectionReason rejectAll;
    private volatile long stallAll;
    private volatile boolean validating = true;
    private volatile Consumer<Integer> onAccepted = count -> { };
    /** Its own event loop, shut down without Netty's 2 s quiet period. */
    @SuppressWarnings("deprecation")
    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private MockApnsServer server;
    private int port;

    public ApnsMock(Path dir) throws Exception {
        KeyPair signing = TestKeys.ec();
        keyFile = TestKeys.writeKey(Files.createDirectories(dir).resolve("AuthKey_" + KEY_ID + ".p8"), signing);
        caFile = TestKeys.writeCertificate(dir.resolve("apns-ca.pem"), certificate);
        verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) signing.getPublic());
        tokensByTopic.put(TOPIC, ConcurrentHashMap.newKeySet());
        tokensByTopic.put(OTHER_TOPIC, ConcurrentHashMap.newKeySet());
    }

    /** Starts on a free port (0), or on the port it had (a restart). */
    public ApnsMock start() throws Exception {
        Map<String, ApnsVerificationKey> keys = Map.of(KEY_ID, verificationKey);
        Map<ApnsVerificationKey, Set<String>> topics = Map.of(verificationKey, Set.of(TOPIC, OTHER_TOPIC));
        ValidatingPushNotificationHandlerFactory validating =
                new ValidatingPushNotificationHandlerFactory(tokensByTopic, expired, keys, topics);
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate}, tls.getPrivate(), null)
                .setHandlerFactory(session -> scripted(validating.buildHandler(session)))
                .setListener(new Listener())
                .setEventLoopGroup(loop)
                .build();
        port = server.start(port).get();
        return this;
    }

    private PushNotificationHandler scripted(PushNotificationHandler apple) {
        return (headers, payload) -> {
            CharSequence authorization = headers.get("authorization");
            if (authorization != null) {
                providerTokens.add(authorization.toString().substring("bearer ".length()));
            }
            String token = token(headers);
            Long stall = stallAll > 0 ? Long.valueOf(stallAll) : stalls.get(token);
            if (stall != null) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RejectionReason reason = rejectAll != null ? rejectAll : rejections.get(token);
            if (reason != null) {
                throw new RejectedNotificationException(reason);
            }
            if (validating) {
                apple.handlePushNotification(headers, payload);
            }
        };
    }

    private static String token(Http2Headers headers) {
        String path = String.valueOf(headers.path());
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private final class Listener implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            CharSequence collapse = headers.get("apns-collapse-id");
            received.add(new Received(token(headers), String.valueOf(headers.get("apns-topic")),
                    collapse == null ? null : collapse.toString(), payload.toString(StandardCharsets.UTF_8)));
            onAccepted.accept(received.size());
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                Instant expiration) {
        }
    }

    /** A device token Apple knows for {@link #TOPIC} (64 hex digits). */
    public String device(int n) {
        String token = String.format("%064x", 0xAB00000L + n);
        tokensByTopic.get(TOPIC).add(token);
        return token;
    }

    /** A device token of another app: known for {@link #OTHER_TOPIC} only. */
    public String otherAppsDevice(int n) {
        String token = String.format("%064x", 0xCD00000L + n);
        tokensByTopic.get(OTHER_TOPIC).add(token);
        return token;
    }

    /** Apple says this token is unregistered since then (410). */
    public void expire(String token, Instant since) {
        expired.put(token, since);
    }

    /** Answers this token with the reason (429 TooManyRequests, 503 ServiceUnavailable, ...) from now on. */
    public void reject(String token, RejectionReason reason) {
        rejections.put(token, reason);
    }

    /** Answers every notification with this reason (null: as Apple would). */
    public void rejectAll(RejectionReason reason) {
        rejectAll = reason;
    }

    public void clearRejection(String token) {
        rejections.remove(token);
    }

    /** Answers this token only after a wait, holding the mock's one event loop meanwhile: a stalled provider. */
    public void stall(String token, long millis) {
        stalls.put(token, millis);
    }

    /**
     * Whether it checks each push as Apple would (topic, token, the provider token's ES256 signature); a bench
     * turns it off so that the mock's own CPU does not bound the figures.
     */
    public void validating(boolean validate) {
        validating = validate;
    }

    /** Answers every push only after a wait (0: none): a stalled provider. */
    public void stallAll(long millis) {
        stallAll = millis;
    }

    /** Told the number accepted so far after each acceptance (on the mock's event loop). */
    public void onAccepted(Consumer<Integer> listener) {
        onAccepted = listener;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many it accepted (cheaper than {@link #received()} for a bench polling it). */
    public int acceptedCount() {
        return received.size();
    }

    /** The provider tokens (JWTs) seen, in order, one per request. */
    public List<AuthenticationToken> providerTokens() {
        synchronized (providerTokens) {
            return providerTokens.stream().map(AuthenticationToken::new).toList();
        }
    }

    /** Shuts down: its connections get a GOAWAY and close. */
    public void stop() throws Exception {
        if (server != null) {
            server.shutdown().get();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public Path keyFile() {
        return keyFile;
    }

    public Path caFile() {
        return caFile;
    }

    /** The TIDINGS_APNS_* settings of a server pushing here. */
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("TIDINGS_APNS_KEY_FILE", keyFile.toString());
        settings.put("TIDINGS_APNS_KEY_ID", KEY_ID);
        settings.put("TIDINGS_APNS_TEAM_ID", TEAM_ID);
        settings.put("TIDINGS_APNS_TOPIC", TOPIC);
        settings.put("TIDINGS_APNS_URL", "https://localhost:" + port);
        settings.put("TIDINGS_APNS_CA", caFile.toString());
        return settings;
    }

    @Override
    public void close() throws Exception {
        stop();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
