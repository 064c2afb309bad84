package io.tidings;

import io.tidings.auth.Authenticator;
import io.tidings.chat.Chat;
import io.tidings.chat.LostSeats;
import io.tidings.cluster.Cluster;
import io.tidings.config.SessionPolicy;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Presence;
import io.tidings.push.Broker;
import io.tidings.close.CloseReason;
import io.tidings.config.ConfigException;
import io.tidings.config.SessionPolicy;
import io.tidings.config.TidingsConfig;
import io.tidings.event.InboxEvents;
import io.tidings.inbox.CatchUp;
import io.tidings.inbox.Inbox;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.InboxStores;
import io.tidings.event.BuiltinEvents;
import io.tidings.event.Dispatcher;
import io.tidings.event.EventTable;
import io.tidings.hub.Groups;
import io.tidings.hub.HeartbeatSweeper;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.Rooms;
import io.tidings.limit.ConnectionLimiter;
import io.tidings.limit.OpenFileLimit;
import io.tidings.metrics.Metrics;
import io.tidings.mobile.DeviceEvents;
import io.tidings.mobile.Devices;
import io.tidings.mobile.MobilePush;
import io.tidings.push.AfterPublish;
import io.tidings.push.DeliveryService;
import io.tidings.push.IdempotencyWindow;
import io.tidings.push.LocalBroker;
import io.tidings.push.MessageIds;
import io.tidings.session.Sessions;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running Tidings: the object graph every edge plugs into. {@link #start} is the one wiring method, used by
 * the embedded launcher, the WAR initializer and the tests alike; it builds each part with its collaborators
 * passed in. The edges (the WebSocket transports, the HTTP API, the text push port) take what they need from
 * here once, when they are built: {@link #sessions()} for a transport, the hub, groups and delivery for the API.
 */
public final class Tidings implements AutoCloseable {
    private final TidingsConfig config;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Hub hub;
    private final Groups groups;
    private final Metrics metrics;
    private final DeliveryService delivery;
    private final ConnectionLimiter admission;
    private final Dispatcher dispatcher;
    private final Sessions sessions;
    private final HeartbeatSweeper sweeper;
    private final Rooms rooms;
    private final Chat chat;
    private final InboxStore store;
    private final Inbox inbox;
    private final MobilePush mobile;
    private final Cluster cluster;
    private final Presence presence;
    private final GroupDirectory groupDirectory;
    private final ScheduledThreadPoolExecutor closer = closer();
    /** Blocking inbox reads (welcomes, resumes, pages): a few threads, and a bounded queue (beyond it: busy). */
    private final ExecutorService inboxReaders = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), daemonThreads("tidings-inbox-reader"));
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(daemonThreads("tidings-fan-out"));
    private final ThreadPoolExecutor pinger = pinger();
    private final List<AutoCloseable> edges = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Tidings(TidingsConfig config, Cluster cluster, Hub hub, Metrics metrics, InboxStore store,
            List<Object> extraHandlers) {
        this.config = config;
        this.cluster = cluster;
        this.hub = hub;
        this.metrics = metrics;
        this.store = store;
        this.groups = new Groups(config.apiLimits().maxGroups(), config.apiLimits().maxGroupMembers(),
                config.apiLimits().maxMemberships());
        this.inbox = store == null ? null : new Inbox(store, config.inbox(), inboxReaders);
        // Chat sessions register apart from event sessions: any number per uid up to the cap, never displacing one.
        this.rooms = new Rooms(new Hub(SessionPolicy.ALL, config.limits().maxSessionsPerUid(),
                cluster == null ? HubListener.NONE : cluster.chatListener()));
        Broker broker;
        if (cluster != null) {
            cluster.start(hub, rooms, metrics);
            broker = cluster.broker();
            this.presence = cluster.presence();
            this.groupDirectory = cluster.groups();
        } else {
            broker = new LocalBroker(hub, groups, rooms, store, fanOut);
            this.presence = Presence.of(hub);
            this.groupDirectory = GroupDirectory.of(groups);
        }
        this.mobile = MobilePush.start(config.push(), store, cluster == null ? null : cluster::pushStores,
                groupDirectory, metrics);
        this.delivery = new DeliveryService(broker, new MessageIds(), jsonb, Clock.systemUTC(), metrics, store != null,
                mobile == null ? AfterPublish.NONE : mobile.afterPublish());
        // A replay or a history page takes at most half a session's outbound queue, so live frames still fit.
        long maxReplayChars = config.sendQueueBytes() / 2;
        CatchUp catchUp = inbox == null ? null : new CatchUp(inbox, jsonb, maxReplayChars, metrics::resumed);
        List<Object> handlers = new ArrayList<>(extraHandlers);
        handlers.add(0, new BuiltinEvents(delivery));
        if (inbox != null) {
            handlers.add(1, new InboxEvents(inbox, catchUp, groupDirectory, delivery, jsonb, maxReplayChars));
        }
        handlers.add(inbox != null ? 2 : 1, new DeviceEvents(devices()));
        this.dispatcher = new Dispatcher(EventTable.scan(handlers.toArray()), jsonb, metrics,
                config.limits().maxJsonDepth());
        this.admission = new ConnectionLimiter(config.limits(), System::nanoTime);
        this.sessions = new Sessions(config, new Authenticator(config.key(), config.security(), Clock.systemUTC()),
                hub, admission, dispatcher, metrics, catchUp, presence, closed::get, closer, pinger);
        this.sweeper = new HeartbeatSweeper(hub, config.heartbeatIdle(), config.heartbeatInterval(), System::nanoTime);
        // In a cluster, rooms span nodes: their seats and membership live in Redis (chat.md, "In a cluster").
        this.chat = config.chat().enabled() ? Chat.start(config, rooms, groups, groupDirectory,
                cluster == null ? null : cluster.rooms(), delivery, inbox, sessions, jsonb, metrics) : null;
        if (chat == null && cluster != null) {
            // This node may claim a dead node's sweep: the seats it removes are announced all the same.
            cluster.rooms().onLost(LostSeats.of(groupDirectory, cluster.rooms(), delivery, config.chat()));
        }
    }

    /**
     * Builds and starts everything but the edges; extra handler objects add events of their own. An inbox that
     * cannot be opened stops startup with a {@link ConfigException} naming TIDINGS_DATA_DIR or the file.
     */
    public static Tidings start(TidingsConfig config, Object... extraHandlers) {
        // In a cluster the session policy is applied in Redis, across nodes; the local hub keeps every session.
        Cluster cluster = config.clustered() ? Cluster.open(config) : null;
        Hub hub = cluster == null
                ? new Hub(config.sessionPolicy(), config.limits().maxSessionsPerUid(), HubListener.NONE)
                : new Hub(SessionPolicy.ALL, Integer.MAX_VALUE, cluster.hubListener());
        Metrics metrics = new Metrics(hub::size);
        InboxStore store = null;
        Tidings tidings;
        try {
            store = cluster == null ? InboxStores.open(config.inbox(), IdempotencyWindow.WINDOW,
                    System::currentTimeMillis, metrics::committed)
                    : config.inbox().enabled() ? cluster.inbox() : null;
            tidings = new Tidings(config, cluster, hub, metrics, store, List.of(extraHandlers));
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close(); // an opened store must not keep its thread and its directory's lock
            }
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
        if (tidings.store != null) {
            InboxStore opened = tidings.store;
            metrics.watchInbox(() -> opened.stats().bytes(), () -> opened.stats().oldestTs(),
                    System::currentTimeMillis);
        }
        tidings.sweeper.start();
        System.Logger log = System.getLogger(Tidings.class.getName());
        if (config.security().allowedOrigins().isEmpty()) {
            log.log(System.Logger.Level.WARNING,
                    "TIDINGS_ALLOWED_ORIGINS is not set: pages from any web origin may open sessions"
                    + " (each still needs a valid token); list your sites' origins to restrict it");
        }
        Optional<String> openFiles = OpenFileLimit.warning(config.limits().maxConnections(), OpenFileLimit.current());
        if (openFiles.isPresent()) {
            log.log(System.Logger.Level.WARNING, openFiles.get());
        }
        return tidings;
    }

    public TidingsConfig config() {
        return config;
    }

    /** What every WebSocket transport runs its client sessions with. */
    public Sessions sessions() {
        return sessions;
    }

    /** What a transport runs /chat sessions with; null when TIDINGS_CHAT=off. */
    public Sessions chatSessions() {
        return chat == null ? null : chat.sessions();
    }

    /** The chat sessions on this node, by uid, room and client id. */
    public Rooms rooms() {
        return rooms;
    }

    /** Live sessions by uid: presence, kick. */
    public Hub hub() {
        return hub;
    }

    /** This node's groups in memory (a single node's; a cluster keeps them in Redis: {@link #groupDirectory}). */
    public Groups groups() {
        return groups;
    }

    /** Group membership as the API sees it: in memory on one node, in Redis in a cluster. */
    public GroupDirectory groupDirectory() {
        return groupDirectory;
    }

    /** Who is online: this node's hub, or every node's sessions in a cluster. */
    public Presence presence() {
        return presence;
    }

    /** This node as a cluster member, or null on a single node. */
    public Cluster cluster() {
        return cluster;
    }

    /** False while something this node needs is unreachable (a cluster's Redis): /readyz answers 503. */
    public boolean isAvailable() {
        return cluster == null || cluster.available();
    }

    /** The inbox, for the backend API; null when TIDINGS_INBOX=off. */
    public Inbox inbox() {
        return inbox;
    }

    /** The mobile device registry, for the backend API; null when mobile push is off. */
    public Devices devices() {
        return mobile == null ? null : mobile.devices();
    }

    /** The one delivery path, for the backend API and the text push port. */
    public DeliveryService delivery() {
        return delivery;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Jsonb jsonb() {
        return jsonb;
    }

    /** Admits new WebSockets within the handshake rate and connection caps. */
    public ConnectionLimiter admission() {
        return admission;
    }

    /** The events this server answers, for tools that feed it frames without a transport (benchmarks). */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** True once shutdown began: new sessions are turned away with 1001 and /readyz says 503. */
    public boolean isClosing() {
        return closed.get();
    }

    /** An edge that takes work of its own (the text push port): {@link #close} stops it before the sessions. */
    public void attach(AutoCloseable edge) {
        edges.add(edge);
    }

    /**
     * The first half of shutdown: stops the attached edges, turns new sessions away, closes every session with
     * 1001 and stops the sweeper; waits briefly for the close frames to go out. HTTP requests in flight may still
     * push (their messages are stored, for the users to find when they come back). Idempotent: a launcher calls
     * it before it stops its server, so clients see our reason rather than the container's.
     */
    public void closeSessions() {
        if (closed.getAndSet(true)) {
            return;
        }
        for (AutoCloseable edge : edges) {
            try {
                edge.close();
            } catch (Exception e) {
                System.getLogger(Tidings.class.getName()).log(System.Logger.Level.WARNING, "stopping " + edge, e);
            }
        }
        sweeper.close();
        pinger.shutdownNow();
        hub.closeAll(CloseReason.GOING_AWAY);
        if (chat != null) {
            chat.close();
        }
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Everything: {@link #closeSessions} if it has not run, then the inbox (writes already queued still commit)
     * and the threads behind it. Once the server has drained its requests. Idempotent: the context listener
     * calls it again on undeploy.
     */
    @Override
    public void close() {
        closeSessions();
        if (stopped.getAndSet(true)) {
            return;
        }
        if (mobile != null) {
            mobile.close();
        }
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        fanOut.shutdown();
        inboxReaders.shutdown();
        // jsonb stays open: a request still answering may encode with it.
    }

    /** Two threads for blocking closes; a closing session's deadline is dropped at shutdown, not waited for. */
    private static ScheduledThreadPoolExecutor closer() {
        ScheduledThreadPoolExecutor closer = new ScheduledThreadPoolExecutor(2, daemonThreads("tidings-closer"));
        closer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        closer.setRemoveOnCancelPolicy(true);
        return closer;
    }

    /**
     * A few threads for pings that block while a client reads nothing, with a bounded queue: when clients that
     * read nothing hold them all, a ping is skipped (the session that misses it may be closed 4005, and reconnect)
     * rather than pings piling up without bound.
     */
    private static ThreadPoolExecutor pinger() {
        ThreadPoolExecutor pinger = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), daemonThreads("tidings-pinger"));
        pinger.allowCoreThreadTimeOut(true);
        return pinger;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
