package io.tidings.mobile.fcm;

import io.tidings.config.PushSettings;
import io.tidings.mobile.Notification;
import io.tidings.mobile.Outcome;
import io.tidings.mobile.Platform;
import io.tidings.mobile.PushProvider;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Pushes to Android (and whatever else the app's FCM project serves) with FCM's HTTP v1 API: one POST per
 * device to {@code messages:send}, on the JDK's HTTP client and two threads of its own ("tidings-fcm").
 */
public final class FcmProvider implements PushProvider {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_IN_FLIGHT = 100;

    private final URI sendUrl;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final ExecutorService threads;
    private final LongSupplier clock;

    private FcmProvider(URI sendUrl, ServiceAccount account, ExecutorService threads, LongSupplier clock) {
        this.sendUrl = sendUrl;
        this.threads = threads;
        this.clock = clock;
        this.http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_2).build();
        this.tokens = new AccessTokens(account, http, clock);
    }

    /**
     * Reads the service account; one that cannot be used stops startup naming TIDINGS_FCM_SERVICE_ACCOUNT.
     *
     * @param clock epoch ms
     */
    public static FcmProvider open(PushSettings.Fcm settings, LongSupplier clock) {
        ServiceAccount account = ServiceAccount.read(settings.serviceAccount());
        URI url = settings.url() != null ? settings.url() : URI.create("https://fcm.googleapis.com/v1/projects/"
                + account.projectId() + "/messages:send");
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "tidings-fcm-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new FcmProvider(url, account, threads, clock);
    }

    @Override
    public Platform platform() {
        return Platform.FCM;
    }

    @Override
    public int maxInFlight() {
        return MAX_IN_FLIGHT;
    }

    @Override
    public CompletableFuture<Outcome> send(Notification notification) {
        long sentAt = clock.getAsLong();
        String body = message(notification);
        String[] used = new String[1];
        return tokens.current().thenCompose(token -> {
            used[0] = token;
            HttpRequest request = HttpRequest.newBuilder(sendUrl).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }).handle((response, failure) -> {
            if (failure != null) {
                return FcmAnswers.failed(failure);
            }
            if (response.statusCode() == 401) {
                tokens.invalidate(used[0]);
            }
            return FcmAnswers.of(response, sentAt, clock.getAsLong());
        });
    }

    /**
     * {"message":{"token":T,"notification":{...},"data":{"seq":"S","epoch":"E",...},"android":{...},"apns":{...}}}:
     * data values are strings, as FCM wants; the collapse id keys Android's collapse and tag and APNs' collapse.
     */
    static String message(Notification notification) {
        JsonObjectBuilder shown = Json.createObjectBuilder().add("body", notification.body());
        if (notification.title() != null) {
            shown.add("title", notification.title());
        }
        JsonObjectBuilder data = Json.createObjectBuilder().add("seq", Long.toString(notification.seq()))
                .add("epoch", notification.epoch()).add("count", Integer.toString(notification.count()));
        if (notification.group() != null) {
            data.add("group", notification.group());
        }
        JsonObjectBuilder androidNotification = Json.createObjectBuilder().add("tag", notification.collapseId());
        if (notification.badge() >= 0) {
            androidNotification.add("notification_count", notification.badge());
        }
        return Json.createObjectBuilder().add("message", Json.createObjectBuilder()
                .add("token", notification.device().token())
                .add("notification", shown)
                .add("data", data)
                .add("android", Json.createObjectBuilder().add("collapse_key", notification.collapseId())
                        .add("priority", "high").add("notification", androidNotification))
                .add("apns", Json.createObjectBuilder().add("headers", Json.createObjectBuilder()
                        .add("apns-collapse-id", notification.collapseId()))))
                .build().toString();
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
