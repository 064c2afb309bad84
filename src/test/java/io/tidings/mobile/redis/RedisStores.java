package io.tidings.mobile.redis;

import io.tidings.cluster.RedisConnections;
import io.tidings.config.ClusterSettings.RedisLayout;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.testing.RedisServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real redis-server for a test class, with connections to it and a fresh key prefix per store asked for. */
final class RedisStores implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final RedisServer redis;
    final RedisConnections connections;

    RedisStores() throws Exception {
        redis = RedisServer.start();
        connections = RedisConnections.open(new RedisLayout(RedisLayout.Kind.STANDALONE, List.of(redis.url())));
    }

    /** Keys no other store of this run uses. */
    static RedisKeys freshKeys() {
        return new RedisKeys("m" + PREFIXES.incrementAndGet());
    }

    @Override
    public void close() throws Exception {
        connections.close();
        redis.close();
    }
}
