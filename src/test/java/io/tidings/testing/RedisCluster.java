package io.tidings.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real local Redis Cluster: masters and replicas, each a redis-server on a free port (AOF on, cluster node
 * timeout 2 s, so a killed master's replica takes over within seconds), joined by {@code redis-cli --cluster
 * create} (Debian's redis-tools). Stopped by PID with the servers.
 */
public final class RedisCluster implements AutoCloseable {
    private static final String CLI = "/usr/bin/redis-cli";
    private final List<RedisServer> servers;

    private RedisCluster(List<RedisServer> servers) {
        this.servers = servers;
    }

    /** Skips (locally) or fails (CI) without redis-server and redis-cli. */
    public static void require() {
        RedisServer.require();
        Needs.require(Files.isExecutable(Path.of(CLI)), "redis-cli", "install it with: apt-get install redis-tools");
    }

    /** {@code masters} masters with {@code replicas} replicas each, the cluster created and every slot covered. */
    public static RedisCluster start(int masters, int replicas) throws Exception {
        require();
        List<RedisServer> servers = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(servers);
        try {
            for (int i = 0; i < masters * (1 + replicas); i++) {
                servers.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000", "--enable-debug-command", "local"));
            }
            List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
            for (RedisServer server : servers) {
                create.add("127.0.0.1:" + server.port());
            }
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
            Process process = new ProcessBuilder(create).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            cluster.awaitHealthy(Duration.ofSeconds(30));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Waits until every live server says cluster_state:ok. */
    public void awaitHealthy(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (RedisServer server : servers) {
                if (server.isAlive() && !server.command("CLUSTER", "INFO").contains("cluster_state:ok")) {
                    ok = false;
                }
            }
            if (ok) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Redis Cluster not healthy within " + limit);
    }

    /** redis-cluster://127.0.0.1:p1,127.0.0.1:p2 (the first two servers as seeds). */
    public String url() {
        return "redis-cluster://127.0.0.1:" + servers.get(0).port() + ",127.0.0.1:" + servers.get(1).port();
    }

    public List<RedisServer> servers() {
        return List.copyOf(servers);
    }

    /** The server that is master of the slot of this key right now. */
    public RedisServer masterOf(String key) throws Exception {
        long slot = Long.parseLong(servers.get(0).command("CLUSTER", "KEYSLOT", key));
        for (RedisServer server : servers) {
            if (!server.isAlive()) {
                continue;
            }
            String role = server.command("ROLE");
            if (!role.startsWith("master")) {
                continue;
            }
            for (String line : server.command("CLUSTER", "NODES").split("\n")) {
                if (line.contains("myself") && line.contains("master")) {
                    String[] fields = line.split(" ");
                    for (int i = 8; i < fields.length; i++) {
                        String[] range = fields[i].split("-");
                        long low = Long.parseLong(range[0]);
                        long high = range.length > 1 ? Long.parseLong(range[1]) : low;
                        if (slot >= low && slot <= high) {
                            return server;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }

    @Override
    public void close() throws Exception {
        for (RedisServer server : servers) {
            server.close();
        }
    }
}
