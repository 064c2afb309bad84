package io.tidings.mobile;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * One provider as the pump uses it: at most its {@link PushProvider#maxInFlight} sends at once (the rest wait
 * here, in order), and a gate that closes when the provider refuses our credentials. Closed, every push to it
 * waits, uncounted, for the gate's time (1 minute, doubling to an hour while it keeps refusing), and one loud
 * line says so: never one per push, and no hammering of a provider that would refuse them all.
 */
final class Sender implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sender.class.getName());

    private final PushProvider provider;
    private final Semaphore permits;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);
    private final LongSupplier clock;
    private final long firstPause;
    private final long maxPause;
    private long pause;
    private long pausedUntil;
    private boolean refusing;

    Sender(PushProvider provider, LongSupplier clock, Duration firstPause, Duration maxPause) {
        this.provider = provider;
        this.permits = new Semaphore(provider.maxInFlight());
        this.clock = clock;
        this.firstPause = firstPause.toMillis();
        this.maxPause = maxPause.toMillis();
        this.pause = this.firstPause;
    }

    Platform platform() {
        return provider.platform();
    }

    /** Sends now when a send is free, else once one is; the future never fails. */
    CompletableFuture<Outcome> send(Notification notification) {
        CompletableFuture<Outcome> answered = new CompletableFuture<>();
        waiting.add(() -> {
            CompletableFuture<Outcome> sent;
            try {
                sent = provider.send(notification);
            } catch (RuntimeException e) {
                sent = CompletableFuture.completedFuture(Outcome.retry(e.getClass().getSimpleName(), 0));
            }
            sent.whenComplete((outcome, failure) -> {
                permits.release();
                drain();
                answered.complete(outcome != null ? outcome : Outcome.retry(String.valueOf(failure), 0));
            });
        });
        drain();
        return answered;
    }

    /**
     * Starts waiting sends while sends are free. A send that answers at once (a refused connection) frees its
     * permit inside this very loop: the nested call returns, and this loop goes on, so the stack stays flat.
     */
    private void drain() {
        if (draining.get()) {
            return;
        }
        draining.set(true);
        try {
            startWaiting();
        } finally {
            draining.set(false);
        }
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && permits.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
            next.run();
        }
    }

    /** Until when pushes to this provider wait (epoch ms); in the past when they may go. */
    synchronized long pausedUntil() {
        return pausedUntil;
    }

    /** The provider refused our credentials: pause it; the first refusal of an outage is logged loudly. */
    synchronized long refused(String reason) {
        long now = clock.getAsLong();
        if (now < pausedUntil) {
            return pausedUntil; // a send of the same outage answering late
        }
        pausedUntil = now + pause;
        if (!refusing) {
            refusing = true;
            LOG.log(System.Logger.Level.ERROR, provider.platform().label().toUpperCase(java.util.Locale.ROOT)
                    + " refused our credentials (" + reason + "): push to it is paused and every job kept; it is"
                    + " tried again in " + pause / 1000 + " s, then less and less often. Check its settings ("
                    + (provider.platform() == Platform.APNS ? "TIDINGS_APNS_KEY_FILE, TIDINGS_APNS_KEY_ID,"
                            + " TIDINGS_APNS_TEAM_ID and the topic" : "TIDINGS_FCM_SERVICE_ACCOUNT and the"
                            + " account's permissions") + ")");
        }
        pause = Math.min(maxPause, pause * 2);
        return pausedUntil;
    }

    /** The provider took a push: its credentials are good (again). */
    synchronized void accepted() {
        if (refusing) {
            refusing = false;
            LOG.log(System.Logger.Level.INFO, provider.platform().label() + " accepts our credentials again");
        }
        pause = firstPause;
    }

    @Override
    public void close() {
        provider.close();
    }
}
