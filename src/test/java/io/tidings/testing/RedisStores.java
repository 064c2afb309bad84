package io.tidings.testing;

import io.tidings.cluster.RedisConnections;
import io.tidings.config.ClusterSettings.RedisLayout;
import io.tidings.inbox.redis.RedisKeys;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for a test class ({@code @RegisterExtension static}), with connections to it, and a fresh
 * key prefix for each store a test opens.
 */
public final class RedisStores implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private RedisServer redis;
    private RedisConnections connections;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = RedisServer.start();
        connections = RedisConnections.open(new RedisLayout(RedisLayout.Kind.STANDALONE, List.of(redis.url())), null);
    }

    public RedisConnections connections() {
        return connections;
    }

    /** The server itself, for commands a test sends it directly. */
    public RedisServer server() {
        return redis;
    }

    /** Keys no other store of this run uses. */
    public static RedisKeys freshKeys() {
        return new RedisKeys("t" + PREFIXES.incrementAndGet());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (connections != null) {
            connections.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
