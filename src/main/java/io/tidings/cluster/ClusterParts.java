package io.tidings.cluster;

import io.tidings.inbox.redis.RedisKeys;
import java.util.concurrent.Executor;

/**
 * What the parts of a cluster member share: its Redis, the keys, its node id, and the one thread ("the cluster's
 * thread") that owns this node's view of its uids, groups and streams.
 *
 * @param metaTtlSeconds how long a stream's epoch and top outlive its last write (twice TIDINGS_INBOX_TTL)
 */
record ClusterParts(RedisConnections redis, RedisKeys keys, String node, Executor loop, long metaTtlSeconds) {
}
