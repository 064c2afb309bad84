package io.tidings.cluster;

import io.tidings.config.ClusterSettings;
import io.tidings.config.ConfigException;
import io.tidings.config.TidingsConfig;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.LiveSession;
import io.tidings.hub.Presence;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.RedisInbox;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.metrics.Metrics;
import io.tidings.mobile.MobilePush;
import io.tidings.mobile.redis.RedisDevices;
import io.tidings.mobile.redis.RedisJobs;
import io.tidings.push.Broker;
import io.tidings.push.IdempotencyWindow;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node as a member of a cluster (TIDINGS_REDIS_URL): its Redis connections, its node id, and the parts that
 * make every promise of the wire and the API hold across nodes: the inbox in Redis, the {@link ClusterBroker},
 * cluster-wide {@link Presence} and groups, the heartbeat, and the {@link Inbound} side. Built by the wiring in
 * two steps, {@link #open} before the hub (whose listener it provides) and {@link #start} with it.
 */
public final class Cluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(15);

    private final TidingsConfig config;
    private final RedisConnections redis;
    private final RedisKeys keys;
    private final String node;
    private final String instance = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    private final RedisInbox inbox;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(named("tidings-cluster"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            named("tidings-cluster-timer"));
    private final ForwardingListener listener = new ForwardingListener();
    private final ForwardingListener chatListener = new ForwardingListener();
    private NodeRegistry nodes;
    private StreamTrackers trackers;
    private ClusterPresence presence;
    private ClusterBroker broker;
    private ClusterGroups groups;
    private ClusterRooms rooms;

    private Cluster(TidingsConfig config, RedisConnections redis) {
        ClusterSettings settings = config.cluster();
        this.config = config;
        this.redis = redis;
        this.keys = new RedisKeys(settings.prefix());
        this.node = settings.nodeId() != null ? settings.nodeId() : defaultNodeId();
        this.inbox = new RedisInbox(redis, keys, config.inbox(), IdempotencyWindow.WINDOW, System::currentTimeMillis);
    }

    /** Connects to Redis (a Redis that cannot be reached stops startup, naming TIDINGS_REDIS_URL). */
    public static Cluster open(TidingsConfig config) {
        RedisConnections redis = RedisConnections.open(config.cluster().redis(), config.cluster().redisCa());
        Cluster cluster = new Cluster(config, redis);
        Persistence.warnIfWeak(redis);
        return cluster;
    }

    /** This node's name in the cluster. */
    public String node() {
        return node;
    }

    /** What the hub tells about registrations: cluster presence follows it. */
    public HubListener hubListener() {
        return listener;
    }

    /**
     * Mobile push's device registry and jobs, in this cluster's Redis: every node sees every device and takes
     * due jobs from one place.
     */
    public MobilePush.Stores pushStores(LongSupplier clock) {
        RedisDevices devices = RedisDevices.open(redis, keys);
        return new MobilePush.Stores(devices, RedisJobs.open(redis, keys, node, clock));
    }

    /** What the chat sessions' hub tells about registrations: a uid's chat sessions per node follow it. */
    public HubListener chatListener() {
        return chatListener;
    }

    /** The inbox in Redis. */
    public RedisInbox inbox() {
        return inbox;
    }

    /**
     * Subscribes, joins the cluster (removing what an earlier life of this node id left) and starts the heartbeat.
     * Sessions may open once it returns.
     */
    public void start(Hub hub, Rooms chatRooms, Metrics metrics) {
        ClusterParts parts = new ClusterParts(redis, keys, node, loop, 2 * config.inbox().ttl().toSeconds());
        List<RedisConnections.PubSub> pubSubs = redis.pubSubs();
        Inbound inbound = new Inbound(parts, hub, chatRooms, metrics, pubSubs.size(), () -> resync(false),
                () -> resync(true));
        trackers = new StreamTrackers(inbox, timer, inbound);
        GroupRoutes routes = new GroupRoutes(redis, keys, node, trackers, loop, parts.metaTtlSeconds());
        nodes = new NodeRegistry(redis, keys, node, instance, hub::size, () -> resync(true));
        rooms = new ClusterRooms(parts, nodes, routes, chatRooms);
        presence = new ClusterPresence(parts, hub, config.sessionPolicy(), config.limits().maxSessionsPerUid(), nodes,
                trackers, routes, rooms);
        groups = new ClusterGroups(parts, config.apiLimits(), nodes, timer);
        nodes.alsoSweep(rooms::sweep);
        broker = new ClusterBroker(inbox, keys, nodes, redis, presence, groups);
        inbound.wire(trackers, routes, presence, groups);
        listener.target = presence;
        chatListener.target = rooms;
        for (RedisConnections.PubSub pubSub : pubSubs) {
            pubSub.addListener(inbound.listener());
            pubSub.subscribe(keys.nodeChannel(node), keys.broadcastChannel());
        }
        await(inbound.subscribed(), "subscribing to this node's channel");
        boolean earlierLife = await(nodes.beat(), "the first heartbeat");
        if (earlierLife) {
            LOG.log(System.Logger.Level.WARNING, "node id " + node + " was alive in Redis until now: taking over"
                    + " (a restart); if another node runs with this id, give each node its own TIDINGS_NODE_ID");
        }
        await(nodes.sweep(node), "removing what an earlier run of this node left");
        StreamTrackers.Tracker everyone = trackers.expect(StreamKey.ALL.text());
        inbox.headAsync(StreamKey.ALL).thenAccept(head -> trackers.baseline(everyone, head.top(), head.epoch()));
        long beat = NodeRegistry.BEAT.toMillis();
        timer.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        metrics.watchCluster(this::available, nodes::live);
        LOG.log(System.Logger.Level.INFO, "node " + node + " joined the cluster on " + redis.layout()
                + " (prefix " + keys.prefix() + ", " + nodes.live() + " live nodes)");
    }

    private void beat() {
        try {
            nodes.beat().exceptionally(failure -> {
                LOG.log(System.Logger.Level.DEBUG, "heartbeat failed", failure);
                return false;
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "heartbeat not sent", e); // disconnected: commands are rejected
        }
    }

    /**
     * After a reconnect, or being taken for dead ({@code swept}): presence and routes back, then every stream read
     * to its top.
     */
    private void resync(boolean swept) {
        presence.restore();
        rooms.restore(swept);
        loop.execute(trackers::fillAll); // after the restore's commands: what is published later is routed here
    }

    public Broker broker() {
        return broker;
    }

    public Presence presence() {
        return presence;
    }

    public GroupDirectory groups() {
        return groups;
    }

    /** Who sits in which chat room, on every node. */
    public RoomDirectory rooms() {
        return rooms;
    }

    /** Whether Redis can be reached now: /readyz answers 503 while not. */
    public boolean available() {
        return redis.connected() && nodes != null && nodes.healthy();
    }

    /**
     * Leaves the cluster: what the sessions' closing queued is sent, the node's entry goes, the connections close.
     * Called after the sessions were closed.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            if (nodes != null && redis.connected()) {
                nodes.leave().get(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "leaving the cluster", e);
        }
        inbox.close(); // its batch timer, also when the node stores nothing (TIDINGS_INBOX=off)
        redis.close();
    }

    private <T> T await(CompletableFuture<T> step, String what) {
        try {
            return step.get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            close();
            throw new ConfigException(List.of("TIDINGS_REDIS_URL: " + what + " on " + redis.layout() + " failed: "
                    + e.getMessage()));
        }
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String safe = host.replaceAll("[^A-Za-z0-9_.:@-]", "-");
        return safe.substring(0, Math.min(safe.length(), 50)) + "-"
                + Long.toString(new SecureRandom().nextLong() >>> 1, 36).substring(0, 6);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A hub's listener, pointed at presence (or the chat rooms) once it exists. */
    private static final class ForwardingListener implements HubListener {
        private volatile HubListener target;

        @Override
        public void registered(LiveSession connection) {
            HubListener to = target;
            if (to != null) {
                to.registered(connection);
            }
        }

        @Override
        public void unregistered(LiveSession connection) {
            HubListener to = target;
            if (to != null) {
                to.unregistered(connection);
            }
        }
    }
}
