package io.tidings.inbox.redis;

import io.tidings.cluster.RedisConnections;
import io.tidings.config.ClusterSettings.RedisLayout;
import io.tidings.config.InboxSettings;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.InboxStoreContract;
import io.tidings.testing.RedisServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inbox contract, kept by the Redis store against a real redis-server (each test under a prefix of its own). */
class RedisInboxTest extends InboxStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServer redis;
    private static RedisConnections connections;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
        connections = RedisConnections.open(new RedisLayout(RedisLayout.Kind.STANDALONE, List.of(redis.url())), null);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (connections != null) {
            connections.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected InboxStore create(InboxSettings settings) {
        return new RedisInbox(connections, new RedisKeys("t" + PREFIXES.incrementAndGet()), settings, KEY_WINDOW,
                clock::get);
    }
}
