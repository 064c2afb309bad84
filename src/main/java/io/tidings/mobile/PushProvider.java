package io.tidings.mobile;

import java.util.concurrent.CompletableFuture;

/**
 * One push service (APNs, FCM). Its I/O runs on threads of its own, never a WebSocket's or the inbox's: a
 * stalled provider delays only its own pushes.
 */
public interface PushProvider extends AutoCloseable {
    Platform platform();

    /** Sends one notification without blocking; the future never fails: a failure is an {@link Outcome}. */
    CompletableFuture<Outcome> send(Notification notification);

    /** How many sends may be in flight at once; more wait their turn in the pump. */
    int maxInFlight();

    @Override
    void close();
}
