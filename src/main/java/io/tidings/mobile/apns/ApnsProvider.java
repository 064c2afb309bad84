package io.tidings.mobile.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tidings.config.ConfigException;
import io.tidings.config.PushSettings;
import io.tidings.mobile.Notification;
import io.tidings.mobile.Outcome;
import io.tidings.mobile.Platform;
import io.tidings.mobile.PushProvider;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Pushes to iOS through Pushy: a client per environment (production, sandbox), made when first used and kept
 * for the server's life, on one event-loop thread of its own ("tidings-apns"). Pushy keeps the connection and
 * renews the provider token every {@link #TOKEN_TTL}; a connection that drops (GOAWAY) fails the pushes in
 * flight, which the pump tries again.
 */
public final class ApnsProvider implements PushProvider {
    /** How long one provider token is used: Apple refuses renewals within 20 minutes and tokens past 60. */
    public static final Duration TOKEN_TTL = Duration.ofMinutes(50);
    /** An answer that has not come by then is given up on, and the push tried again. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Apple allows 1000 concurrent streams per connection. */
    private static final int MAX_IN_FLIGHT = 1000;
    private static final Duration EXPIRY = Duration.ofDays(1);

    private final PushSettings.Apns settings;
    private final ApnsSigningKey key;
    private final Duration tokenTtl;
    private final EventLoopGroup loop;
    private final Map<PushSettings.Env, ApnsClient> clients = new EnumMap<>(PushSettings.Env.class);

    ApnsProvider(PushSettings.Apns settings, ApnsSigningKey key, Duration tokenTtl) {
        this.settings = settings;
        this.key = key;
        this.tokenTtl = tokenTtl;
        this.loop = eventLoop();
    }

    /** Pushy finds its channel class by the group's class name: it needs the classic NIO group. */
    @SuppressWarnings("deprecation")
    private static EventLoopGroup eventLoop() {
        return new NioEventLoopGroup(1, new DefaultThreadFactory("tidings-apns", true));
    }

    /** Loads the .p8 key; a key or CA file that cannot be read stops startup naming its setting. */
    public static ApnsProvider open(PushSettings.Apns settings) {
        return open(settings, TOKEN_TTL);
    }

    static ApnsProvider open(PushSettings.Apns settings, Duration tokenTtl) {
        ApnsSigningKey key;
        try {
            key = ApnsSigningKey.loadFromPkcs8File(settings.keyFile().toFile(), settings.teamId(), settings.keyId());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(List.of("TIDINGS_APNS_KEY_FILE " + settings.keyFile()
                    + " is not a readable APNs signing key (the .p8 file Apple gives): " + e.getClass().getSimpleName()));
        }
        if (settings.ca() != null && !settings.ca().toFile().canRead()) {
            throw new ConfigException(List.of("TIDINGS_APNS_CA " + settings.ca() + " is not a readable PEM file"));
        }
        return new ApnsProvider(settings, key, tokenTtl);
    }

    @Override
    public Platform platform() {
        return Platform.APNS;
    }

    @Override
    public int maxInFlight() {
        return MAX_IN_FLIGHT;
    }

    @Override
    public CompletableFuture<Outcome> send(Notification notification) {
        long sentAt = System.currentTimeMillis();
        ApnsClient client;
        try {
            client = client(notification.device().env() != null ? notification.device().env() : settings.env());
        } catch (SSLException e) {
            return CompletableFuture.completedFuture(Outcome.retry("tls setup: " + e.getMessage(), 0));
        }
        String topic = notification.device().topic() != null ? notification.device().topic() : settings.topic();
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(notification.device().token(), topic,
                payload(notification), Instant.now().plus(EXPIRY), DeliveryPriority.IMMEDIATE, PushType.ALERT,
                notification.collapseId());
        return client.sendNotification(push).orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null ? ApnsAnswers.of(response, sentAt)
                        : ApnsAnswers.failed(failure));
    }

    /** {"aps":{"alert":{...},"badge":n,"sound":"default","thread-id":...},"seq":S,"epoch":E[,"group":G],"count":n} */
    static String payload(Notification notification) {
        SimpleApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder();
        if (notification.title() != null) {
            payload.setAlertTitle(notification.title());
        }
        payload.setAlertBody(notification.body());
        payload.setSound(SimpleApnsPayloadBuilder.DEFAULT_SOUND_FILENAME);
        payload.setThreadId(notification.group() != null ? "g:" + notification.group() : "inbox");
        if (notification.badge() >= 0) {
            payload.setBadgeNumber((int) Math.min(Integer.MAX_VALUE, notification.badge()));
        }
        payload.addCustomProperty("seq", notification.seq());
        payload.addCustomProperty("epoch", notification.epoch());
        if (notification.group() != null) {
            payload.addCustomProperty("group", notification.group());
        }
        payload.addCustomProperty("count", notification.count());
        return payload.build();
    }

    private synchronized ApnsClient client(PushSettings.Env env) throws SSLException {
        ApnsClient client = clients.get(env);
        if (client == null) {
            ApnsClientBuilder builder = new ApnsClientBuilder().setSigningKey(key).setTokenExpiration(tokenTtl)
                    .setEventLoopGroup(loop).setConnectionTimeout(Duration.ofSeconds(10));
            URI url = settings.url();
            if (url != null) {
                builder.setApnsServer(url.getHost(), url.getPort() > 0 ? url.getPort() : 443);
            } else {
                builder.setApnsServer(env == PushSettings.Env.SANDBOX ? ApnsClientBuilder.DEVELOPMENT_APNS_HOST
                        : ApnsClientBuilder.PRODUCTION_APNS_HOST);
            }
            if (settings.ca() != null) {
                builder.setTrustedServerCertificateChain(settings.ca().toFile());
            }
            client = builder.build();
            clients.put(env, client);
        }
        return client;
    }

    /** Closes the clients (pushes in flight are failed) and their thread. */
    @Override
    public void close() {
        List<ApnsClient> open;
        synchronized (this) {
            open = List.copyOf(clients.values());
            clients.clear();
        }
        for (ApnsClient client : open) {
            client.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
