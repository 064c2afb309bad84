package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several independent Redis servers with the uids partitioned over them (TIDINGS_REDIS_URL lists them): every
 * promise holds, and each message costs one script on one shard, so the shards share the work.
 */
class ShardedRedisTest {
    @Test
    void twoShardsCarryEverythingAndShareTheWork() throws Exception {
        try (RedisServer first = RedisServer.start(); RedisServer second = RedisServer.start();
                TestCluster cluster = TestCluster.start(first.url() + "," + second.url(), 3)) {
            Scenarios.everythingCrossesNodes(cluster, "s");
            Set<String> onFirst = uidStreams(first, cluster.prefix());
            Set<String> onSecond = uidStreams(second, cluster.prefix());
            assertTrue(!onFirst.isEmpty() && !onSecond.isEmpty(), "streams on both shards: " + onFirst + onSecond);
            assertEquals(12, onFirst.size() + onSecond.size(), "each uid's stream on exactly one shard");
            assertTrue(Collections.disjoint(onFirst, onSecond));
            assertTrue(scripts(first) > 0 && scripts(second) > 0, "both shards run scripts");
        }
    }

    /** Script runs (EVALSHA and EVAL) a Redis served so far. */
    private static long scripts(RedisServer redis) throws Exception {
        long calls = 0;
        for (String line : redis.command("INFO", "commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                calls += Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+).*", "$1"));
            }
        }
        return calls;
    }

    /** The uid streams (their meta keys) a shard holds. */
    private static Set<String> uidStreams(RedisServer redis, String prefix) throws Exception {
        String keys = redis.command("KEYS", prefix + ":{u:*}:m");
        return keys == null || keys.isEmpty() ? Set.of() : Set.of(keys.split("\n"));
    }
}
