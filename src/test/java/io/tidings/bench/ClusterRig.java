package io.tidings.bench;

import io.tidings.testing.RedisServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes a cluster run measures: a redis-server the bench starts (AOF on, as production should run it)
 * and N Tidings nodes through scripts/run on it, each named node-i; or, for the single-node baseline, one Tidings
 * with its default (embedded) inbox and no Redis.
 */
final class ClusterRig implements AutoCloseable {
    private final RedisServer redis;
    private final List<ServerUnderTest> nodes = new ArrayList<>();

    private ClusterRig(RedisServer redis) {
        this.redis = redis;
    }

    /** {@code count} nodes on a fresh Redis, or (0) one node alone. */
    static ClusterRig start(Options options, int count) throws Exception {
        ClusterRig rig = new ClusterRig(count == 0 ? null : RedisServer.start());
        try {
            for (int i = 0; i < Math.max(1, count); i++) {
                Map<String, String> env = new HashMap<>(options.serverEnv);
                if (rig.redis != null) {
                    env.put("TIDINGS_REDIS_URL", rig.redis.url());
                    env.put("TIDINGS_NODE_ID", "node-" + i);
                }
                Run.progress("starting " + (rig.redis == null ? "the single node" : "node-" + i) + " (scripts/run)");
                rig.nodes.add(ServerUnderTest.start(env, Path.of("target",
                        rig.redis == null ? "bench-server.log" : "bench-node-" + i + ".log")));
            }
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    List<ServerUnderTest> nodes() {
        return nodes;
    }

    ServerUnderTest node(int i) {
        return nodes.get(i);
    }

    /** Where sessions of node i connect. */
    WsTarget target(int i, Options options) {
        ServerUnderTest node = nodes.get(i);
        return new WsTarget(new InetSocketAddress(node.base().getHost(), node.base().getPort()),
                node.base().getHost() + ":" + node.base().getPort(), "chat".equals(options.mode) ? "/chat" : "/ws",
                options.deflate);
    }

    /** Every process whose CPU a delivery costs: the nodes and Redis. */
    List<ProcStats> processes() {
        List<ProcStats> all = new ArrayList<>();
        nodes.forEach(node -> all.add(node.proc()));
        if (redis != null) {
            all.add(new ProcStats(redis.pid()));
        }
        return all;
    }

    ProcStats redisProcess() {
        return redis == null ? null : new ProcStats(redis.pid());
    }

    /**
     * Commands Redis has run so far: scripts (EVALSHA and EVAL, the round trips) and every command (what runs
     * inside the scripts included), from INFO commandstats; zeros without Redis.
     */
    long[] redisCommands() throws Exception {
        if (redis == null) {
            return new long[] {0, 0};
        }
        long scripts = 0;
        long all = 0;
        for (String line : redis.command("INFO", "commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            long calls = Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+).*", "$1"));
            all += calls;
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                scripts += calls;
            }
        }
        return new long[] {scripts, all};
    }

    /** kill -9 of node i, as a crash ends it. */
    void kill(int i) throws InterruptedException {
        ProcessHandle.of(nodes.get(i).proc().pid()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (nodes.get(i).proc().alive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        for (ServerUnderTest node : nodes) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
