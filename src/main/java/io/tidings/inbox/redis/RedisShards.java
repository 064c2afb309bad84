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

    /** True on a Redis Cluster: a script may only touch keys of one unit, so cluster-wide indexes are not kept. */
    boolean redisCluster();
}
