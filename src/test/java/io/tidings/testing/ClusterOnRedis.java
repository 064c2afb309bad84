package io.tidings.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's cluster: {@code @RegisterExtension static final ClusterOnRedis NODES = new ClusterOnRedis(3);}
 * starts a redis-server and that many embedded nodes on it before the class's tests, and stops them after.
 */
public final class ClusterOnRedis implements BeforeAllCallback, AfterAllCallback {
    private final int nodes;
    private TestCluster cluster;

    public ClusterOnRedis(int nodes) {
        this.nodes = nodes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = TestCluster.onItsOwnRedis(nodes);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    public TestCluster cluster() {
        return cluster;
    }
}
