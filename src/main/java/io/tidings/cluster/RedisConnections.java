package io.tidings.cluster;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.tidings.config.ClusterSettings.RedisLayout;
import io.tidings.config.ConfigException;
import io.tidings.inbox.redis.RedisInbox;
import io.tidings.inbox.redis.RedisShards;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's connections to Redis, made from TIDINGS_REDIS_URL: per shard one connection for commands and one for
 * subscriptions (a Redis Cluster: one of each, routed by Lettuce, its topology refreshed). The options are the
 * ones a cluster member needs: commands fail at once while disconnected (on a Redis Cluster they wait for a
 * master's connection, at most the timeout) and after {@link RedisInbox#TIMEOUT} rather than wait longer (a push
 * then answers 503 and its sender retries), nothing in flight is replayed after a reconnect (a replayed publish
 * could deliver twice), and reconnects are tried at least every second.
 */
public final class RedisConnections implements RedisShards, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisConnections.class.getName());

    private final RedisLayout layout;
    private final Path ca;
    private final ClientResources resources;
    private final List<AbstractRedisClient> clients = new ArrayList<>();
    private final List<StatefulConnection<String, String>> connections = new ArrayList<>();
    private final List<RedisClusterAsyncCommands<String, String>> commands = new ArrayList<>();
    private final List<PubSub> pubSubs = new ArrayList<>();

    /** One subscription connection: a shard's, or the Redis Cluster's. */
    interface PubSub {
        void addListener(RedisPubSubListener<String, String> listener);

        void subscribe(String... channels);

        boolean isOpen();
    }

    private RedisConnections(RedisLayout layout, Path ca) {
        this.layout = layout;
        this.ca = ca;
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS)).build();
    }

    /**
     * Connects to every shard (or the Redis Cluster); a Redis that cannot be reached stops startup with a
     * {@link ConfigException} naming TIDINGS_REDIS_URL (without its password), as does a rediss:// server whose
     * certificate is not trusted or not for its host.
     *
     * @param ca the PEM file of CA certificates a rediss:// server's certificate must chain to (TIDINGS_REDIS_CA);
     *           null for the JVM's own
     */
    public static RedisConnections open(RedisLayout layout, Path ca) {
        RedisConnections redis = new RedisConnections(layout, ca);
        try {
            if (layout.kind() == RedisLayout.Kind.CLUSTER) {
                redis.openCluster();
            } else {
                for (String uri : layout.uris()) {
                    redis.openShard(uri);
                }
            }
            return redis;
        } catch (RuntimeException e) {
            redis.close();
            throw new ConfigException(List.of("TIDINGS_REDIS_URL: cannot connect to Redis at " + layout + ": "
                    + rootMessage(e)));
        }
    }

    private void openShard(String uri) {
        RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
        client.setOptions(options(ClientOptions.builder()).build());
        clients.add(client);
        StatefulRedisConnection<String, String> connection = client.connect();
        connections.add(connection);
        commands.add(connection.async());
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
        connections.add(pubSub);
        pubSubs.add(pubSubOf(pubSub));
    }

    private void openCluster() {
        List<RedisURI> seeds = layout.uris().stream().map(RedisURI::create).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(10)).enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1)).build());
        // Lettuce connects to each master on first use (and to a promoted replica after a failover): commands for
        // a node whose connection is still coming up wait for it, within the command timeout.
        client.setOptions((ClusterClientOptions) options(options)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS).build());
        clients.add(client);
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        connections.add(connection);
        commands.add(connection.async());
        var pubSub = client.connectPubSub();
        connections.add(pubSub);
        pubSubs.add(pubSubOf(pubSub));
    }

    /** A Redis Cluster's pub/sub connection is one too: classic SUBSCRIBE, which Lettuce re-homes on failover. */
    private static PubSub pubSubOf(StatefulRedisPubSubConnection<String, String> pubSub) {
        return new PubSub() {
            @Override
            public void addListener(RedisPubSubListener<String, String> listener) {
                pubSub.addListener(listener);
            }

            @Override
            public void subscribe(String... channels) {
                pubSub.async().subscribe(channels);
            }

            @Override
            public boolean isOpen() {
                return pubSub.isOpen();
            }
        };
    }

    private ClientOptions.Builder options(ClientOptions.Builder builder) {
        if (ca != null) { // only rediss:// URIs use it; Lettuce verifies the host name too (verifyPeer FULL)
            builder.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(ca.toFile()).build());
        }
        return builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true)
                .timeoutOptions(TimeoutOptions.enabled(RedisInbox.TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).keepAlive(true).build());
    }

    @Override
    public RedisClusterAsyncCommands<String, String> forUnit(String unit) {
        int shards = commands.size();
        return shards == 1 ? commands.get(0) : commands.get(SlotHash.getSlot(unit) % shards);
    }

    @Override
    public List<RedisClusterAsyncCommands<String, String>> each() {
        return List.copyOf(commands);
    }

    @Override
    public boolean redisCluster() {
        return layout.kind() == RedisLayout.Kind.CLUSTER;
    }

    @Override
    public void listen(String channel, Consumer<String> message, Runnable subscribed) {
        for (PubSub pubSub : pubSubs) {
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String text) {
                    if (channel.equals(from)) {
                        message.accept(text);
                    }
                }

                @Override
                public void subscribed(String to, long count) {
                    if (channel.equals(to)) {
                        subscribed.run();
                    }
                }
            });
            pubSub.subscribe(channel);
        }
    }

    /** The subscription connections, one per shard (one for a Redis Cluster). */
    List<PubSub> pubSubs() {
        return List.copyOf(pubSubs);
    }

    /** Whether every connection is up right now. */
    public boolean connected() {
        for (StatefulConnection<String, String> connection : connections) {
            if (!connection.isOpen()) {
                return false;
            }
        }
        return true;
    }

    public RedisLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        for (StatefulConnection<String, String> connection : connections) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a redis connection", e);
            }
        }
        for (AbstractRedisClient client : clients) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return RedisLayout.redact(String.valueOf(cause.getMessage()));
    }
}
