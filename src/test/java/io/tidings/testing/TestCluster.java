package io.tidings.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several real embedded Tidings nodes (each on port 0, in this JVM) forming one cluster on a real Redis, under a
 * key prefix of their own so that tests sharing a Redis never hear each other. Nodes are named n1, n2, ...
 */
public final class TestCluster implements AutoCloseable {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final String redisUrl;
    private final String prefix;
    private final Map<String, String> settings;
    private final List<TestServer> nodes = new ArrayList<>();
    /** The Redis this cluster started for itself and stops with it ({@link #onItsOwnRedis}), or null. */
    private RedisServer ownRedis;

    private TestCluster(String redisUrl, Map<String, String> settings) {
        this.redisUrl = redisUrl;
        this.prefix = "t" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
        this.settings = settings;
    }

    /** {@code count} nodes on the Redis at {@code redisUrl}, each with the given settings besides. */
    public static TestCluster start(String redisUrl, int count, Map<String, String> settings) throws Exception {
        TestCluster cluster = new TestCluster(redisUrl, settings);
        try {
            for (int i = 0; i < count; i++) {
                cluster.addNode();
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public static TestCluster start(String redisUrl, int count) throws Exception {
        return start(redisUrl, count, Map.of());
    }

    /** {@code count} nodes on a redis-server started for them, stopped when the cluster closes. */
    public static TestCluster onItsOwnRedis(int count) throws Exception {
        RedisServer redis = RedisServer.start();
        try {
            TestCluster cluster = start(redis.url(), count);
            cluster.ownRedis = redis;
            return cluster;
        } catch (Exception | Error e) {
            redis.close();
            throw e;
        }
    }

    /** The Redis the nodes use, for another cluster on it. */
    public String redisUrl() {
        return redisUrl;
    }

    /** Starts one more node (named n + its number) and returns it. */
    public TestServer addNode() throws Exception {
        TestServer node = TestServer.start(nodeSettings("n" + (nodes.size() + 1)));
        nodes.add(node);
        return node;
    }

    /** What a node of this cluster is configured with (for a node in a child JVM). */
    public Map<String, String> nodeSettings(String nodeId) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("TIDINGS_REDIS_URL", redisUrl);
        all.put("TIDINGS_REDIS_PREFIX", prefix);
        all.put("TIDINGS_NODE_ID", nodeId);
        return all;
    }

    /** The redis-server this cluster started for itself ({@link #onItsOwnRedis}), or null. */
    public RedisServer redis() {
        return ownRedis;
    }

    public String prefix() {
        return prefix;
    }

    /** Node i, from 0. */
    public TestServer node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    public ApiClient api(int node) {
        return ApiClient.of(nodes.get(node));
    }

    public URI ws(int node, String uid) {
        return nodes.get(node).wsFor(uid);
    }

    /** Stops node i (gracefully) and forgets it. */
    public void stop(int node) throws Exception {
        nodes.get(node).close();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (TestServer node : nodes) {
            try {
                node.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
