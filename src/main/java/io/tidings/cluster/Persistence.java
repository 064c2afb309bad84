package io.tidings.cluster;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.inbox.redis.RedisInbox;
import java.util.concurrent.TimeUnit;

/**
 * Warns at startup about a Redis that may lose what Tidings acknowledged: one with its append-only file off (a
 * restart loses everything since the last snapshot) or one that evicts keys under memory pressure (a stream, or a
 * uid's presence, could vanish). Tidings still starts: the operator decides.
 */
final class Persistence {
    private static final System.Logger LOG = System.getLogger(Persistence.class.getName());

    private Persistence() {
    }

    static void warnIfWeak(RedisConnections redis) {
        int shard = 0;
        for (RedisClusterAsyncCommands<String, String> commands : redis.each()) {
            String where = redis.layout().redacted().get(Math.min(shard++, redis.layout().uris().size() - 1));
            try {
                String persistence = commands.info("persistence").get(RedisInbox.TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
                if (persistence.contains("aof_enabled:0")) {
                    LOG.log(System.Logger.Level.WARNING, "Redis at " + where + " has its append-only file off"
                            + " (appendonly no): a Redis restart loses the messages, presence and groups written since"
                            + " its last snapshot; set appendonly yes (src/site/markdown/cluster.md, Durability)");
                }
                String memory = commands.info("memory").get(RedisInbox.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!memory.contains("maxmemory_policy:noeviction")) {
                    LOG.log(System.Logger.Level.WARNING, "Redis at " + where + " may evict keys when full"
                            + " (maxmemory-policy is not noeviction): a stream or a presence entry could vanish;"
                            + " set maxmemory-policy noeviction, and Tidings answers 503 when Redis is full");
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "could not read Redis's persistence settings at " + where + ": "
                        + e.getMessage());
            }
        }
    }
}
