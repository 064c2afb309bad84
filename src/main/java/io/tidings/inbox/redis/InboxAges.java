package io.tidings.inbox.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.inbox.InboxStats;
import io.tidings.inbox.StreamKey;
import java.util.List;

/**
 * The Redis inbox's figures for the metrics: the memory Redis uses (every shard's used_memory: the inbox is most of
 * it) and the time of the oldest retained message, from a sorted set of streams by their first message's time that
 * the publish script keeps (one small entry per stream). A Redis Cluster cannot keep such a set (a script touches
 * one slot), so there the age is not reported (0). Figures are computed at most once a second.
 */
final class InboxAges {
    private static final long CACHE_NANOS = 1_000_000_000L;
    private final RedisShards shards;
    private final RedisKeys keys;
    private InboxStats cached;
    private long cachedAt;

    InboxAges(RedisShards shards, RedisKeys keys) {
        this.shards = shards;
        this.keys = keys;
    }

    /** Whether the sorted set of ages is kept (not on a Redis Cluster). */
    boolean kept() {
        return !shards.redisCluster();
    }

    synchronized InboxStats stats() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > CACHE_NANOS) {
            cached = compute();
            cachedAt = now;
        }
        return cached;
    }

    private InboxStats compute() {
        long bytes = 0;
        long oldest = 0;
        for (RedisClusterAsyncCommands<String, String> redis : shards.each()) {
            bytes += usedMemory(RedisInbox.await(redis.info("memory").toCompletableFuture()));
            long shardOldest = kept() ? oldest(redis) : 0;
            if (shardOldest > 0 && (oldest == 0 || shardOldest < oldest)) {
                oldest = shardOldest;
            }
        }
        return new InboxStats(bytes, oldest);
    }

    /** The oldest first-message time of a stream that still exists; entries of expired streams are dropped. */
    private long oldest(RedisClusterAsyncCommands<String, String> redis) {
        for (int attempt = 0; attempt < 16; attempt++) {
            List<ScoredValue<String>> first = RedisInbox.await(
                    redis.zrangeWithScores(keys.ages(), 0, 0).toCompletableFuture());
            if (first.isEmpty()) {
                return 0;
            }
            String stream = first.get(0).getValue();
            String key = keys.stream(RedisKeys.unit(new StreamKey(stream)));
            if (RedisInbox.await(redis.exists(key).toCompletableFuture()) > 0) {
                return (long) first.get(0).getScore();
            }
            RedisInbox.await(redis.zrem(keys.ages(), stream).toCompletableFuture());
        }
        return 0;
    }

    private static long usedMemory(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        return 0;
    }
}
