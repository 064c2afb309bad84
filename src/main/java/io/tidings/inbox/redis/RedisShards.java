package io.tidings.inbox.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;

/**
 * Where each unit's keys live: one Redis, several independent ones (each unit on the shard its hash picks), or a
 * Redis Cluster (which routes every command by its key). Commands are Lettuce's asynchronous ones: nothing here
 * blocks.
 */
public interface RedisShards {
    /** The connection that holds the keys of this unit (a hash tag such as {@code {u:42}}). */
    RedisClusterAsyncCommands<String, String> forUnit(String unit);

    /** One connection per shard (a Redis Cluster is one). */
    List<RedisClusterAsyncCommands<String, String>> each();

    /**
     * Subscribes to a channel on every shard's subscription connection: {@code message} gets what is published on
     * it, in publish order; {@code subscribed} runs each time a connection (re)subscribes to it, after which
     * whatever was published while it was not subscribed is lost (pub/sub is at-most-once): a listener that keeps
     * a copy of something reads it again then.
     */
    void listen(String channel, java.util.function.Consumer<String> message, Runnable subscribed);

    /** True on a Redis Cluster: a script may only touch keys of one unit, so cluster-wide indexes are not kept. */
    boolean redisCluster();
}
