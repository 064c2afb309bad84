package io.tidings.chat;

import io.tidings.hub.Hub;
import io.tidings.hub.OutboundText;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends workerman-chat's {"type":"ping"} to every chat session every TIDINGS_CHAT_PING seconds, as
 * GatewayWorker's pingInterval does; its clients answer {"type":"pong"}, which keeps them from the heartbeat
 * sweeper's 4005. One frame, encoded once, shared by every session.
 */
final class ChatPinger implements AutoCloseable {
    static final String PING = "{\"type\":\"ping\"}";
    private static final OutboundText FRAME = new OutboundText(PING);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidings-chat-ping");
        thread.setDaemon(true);
        return thread;
    });

    ChatPinger(Hub sessions, Duration every) {
        long period = every.toMillis();
        scheduler.scheduleWithFixedDelay(() -> ping(sessions), period, period, TimeUnit.MILLISECONDS);
    }

    private static void ping(Hub sessions) {
        try {
            sessions.forEach(session -> session.send(FRAME));
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule; the next one pings again.
            System.getLogger(ChatPinger.class.getName()).log(System.Logger.Level.WARNING, "chat ping failed", e);
        }
    }

    /** Stops the pinger thread and waits (briefly) for it: a WAR undeploy must leave no thread behind. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
