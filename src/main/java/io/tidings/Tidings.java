package io.tidings;

import io.tidings.api.TextPushPort;
import io.tidings.auth.Authenticator;
import io.tidings.close.CloseReason;
import io.tidings.config.TidingsConfig;
import io.tidings.event.BuiltinEvents;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.Groups;
import io.tidings.hub.HeartbeatSweeper;
import io.tidings.hub.Hub;
import io.tidings.limit.ConnectionLimiter;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running Tidings: the object graph behind the WebSocket endpoint and the API. {@link #start} is the one
 * wiring method, used by the embedded launcher, the WAR initializer and the tests alike.
 */
public final class Tidings implements AutoCloseable {
    private final TidingsConfig config;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Hub hub;
    private final Groups groups;
    private final Metrics metrics;
    private final Authenticator authenticator;
    private final DeliveryService delivery;
    private final Dispatcher dispatcher;
    private final HeartbeatSweeper sweeper;
    private final ConnectionLimiter admission;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService closer = Executors.newFixedThreadPool(2, daemonThreads("tidings-closer"));
    private volatile TextPushPort textPush;

    private Tidings(TidingsConfig config, List<Object> extraHandlers) {
        this.config = config;
        Hub[] self = new Hub[1];
        this.metrics = new Metrics(() -> self[0] == null ? 0 : self[0].size());
        this.hub = new Hub(config.sessionPolicy(), config.limits().maxSessionsPerUid(), connection -> metrics.sessionOpened());
        self[0] = hub;
        this.groups = new Groups(config.apiLimits().maxGroups(), config.apiLimits().maxGroupMembers(),
                config.apiLimits().maxMemberships());
        this.authenticator = new Authenticator(config.key(), config.security(), Clock.systemUTC());
        this.delivery = new DeliveryService(new LocalBroker(hub, groups), new MessageIds(), jsonb,
                Clock.systemUTC(), metrics);
        List<Object> handlers = new ArrayList<>(extraHandlers);
        handlers.add(0, new BuiltinEvents(delivery));
        this.dispatcher = new Dispatcher(EventTable.scan(handlers.toArray()), jsonb, metrics,
                config.limits().maxJsonDepth());
        this.admission = new ConnectionLimiter(config.limits(), System::nanoTime);
        this.sweeper = new HeartbeatSweeper(hub, config.heartbeatIdle(), config.heartbeatInterval(), System::nanoTime);
    }

    /** Builds and starts everything but the container; extra handler objects add events of their own. */
    public static Tidings start(TidingsConfig config, Object... extraHandlers) {
        Tidings tidings = new Tidings(config, List.of(extraHandlers));
        if (config.textPushPort() > 0) {
            try {
                tidings.textPush = TextPushPort.start(config.textPushHost(), config.textPushPort(),
                        config.apiLimits().maxBody(), tidings.delivery, tidings.metrics,
                        daemonThreads("tidings-textpush"));
            } catch (RuntimeException e) {
                tidings.close();
                throw e;
            }
        }
        tidings.sweeper.start();
        if (config.security().allowedOrigins().isEmpty()) {
            System.getLogger(Tidings.class.getName()).log(System.Logger.Level.WARNING,
                    "TIDINGS_ALLOWED_ORIGINS is not set: pages from any web origin may open sessions"
                    + " (each still needs a valid token); list your sites' origins to restrict it");
        }
        return tidings;
    }

    public TidingsConfig config() {
        return config;
    }

    public Hub hub() {
        return hub;
    }

    public Groups groups() {
        return groups;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public DeliveryService delivery() {
        return delivery;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Jsonb jsonb() {
        return jsonb;
    }

    /** Admits new WebSockets within the handshake rate and connection caps. */
    public ConnectionLimiter admission() {
        return admission;
    }

    /** True once {@link #close} began: new sessions are turned away with 1001 and /readyz says 503. */
    public boolean isClosing() {
        return closed.get();
    }

    /** The seed 001 text push port, or null when TIDINGS_TEXT_PUSH_PORT is 0. */
    public TextPushPort textPush() {
        return textPush;
    }

    /** Runs close handshakes off the callers' threads. */
    public ExecutorService closer() {
        return closer;
    }

    /**
     * Stops taking text pushes, closes every session with 1001 and stops the sweeper; waits briefly for the close
     * frames to go out. Idempotent: the launcher calls it before stopping Jetty (so clients see our reason, not
     * the container's), and the context listener calls it again on undeploy.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (textPush != null) {
            textPush.close();
        }
        sweeper.close();
        hub.closeAll(CloseReason.GOING_AWAY);
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // jsonb stays open: in-flight HTTP requests may still answer during the graceful drain.
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
