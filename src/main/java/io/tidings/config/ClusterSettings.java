package io.tidings.config;

import java.util.List;

/**
 * Cluster mode, part of {@link TidingsConfig}; absent (null) on a single node. Every node of one cluster has the
 * same Redis, prefix and Redis layout, and a node id of its own.
 *
 * @param redis  TIDINGS_REDIS_URL: where the cluster keeps its inbox, presence and groups, and how nodes reach
 *               each other.
 * @param prefix TIDINGS_REDIS_PREFIX: the first part of every key and channel, so that several applications (or
 *               a staging and a production cluster) can share one Redis without hearing each other.
 * @param nodeId TIDINGS_NODE_ID: this node's name in the cluster; null when not given (the wiring then names the
 *               node after its host and port, or its host and a random suffix).
 * @param redisCa TIDINGS_REDIS_CA: a PEM file of the certificates that a rediss:// server's certificate must chain
 *               to; null to trust the JVM's own (its cacerts).
 */
public record ClusterSettings(RedisLayout redis, String prefix, String nodeId, java.nio.file.Path redisCa) {
    /** The same settings with a node id (the embedded launcher's default, host:port). */
    public ClusterSettings withNodeId(String id) {
        return new ClusterSettings(redis, prefix, id, redisCa);
    }

    /**
     * How Redis is laid out. {@link Kind#STANDALONE} and {@link Kind#SENTINEL} may list several independent
     * Redis servers (shards): each uid, group and the broadcast stream then lives on one of them, picked by a hash
     * of its name, so the cluster's Redis work scales with the number of shards. {@link Kind#CLUSTER} is one Redis
     * Cluster, which partitions the keys itself.
     *
     * @param uris for STANDALONE and SENTINEL one Lettuce URI per shard ({@code redis://}, {@code rediss://},
     *             {@code redis-sentinel://}); for CLUSTER the seed nodes, each as {@code redis://} or
     *             {@code rediss://}
     */
    public record RedisLayout(Kind kind, List<String> uris) {
        public RedisLayout {
            uris = List.copyOf(uris);
        }

        /** Plain servers, servers found through Sentinel, or one Redis Cluster. */
        public enum Kind { STANDALONE, SENTINEL, CLUSTER }

        /** The URIs with any password replaced, for logs and error messages. */
        public List<String> redacted() {
            return uris.stream().map(RedisLayout::redact).toList();
        }

        /** {@code redis://user:secret@host} becomes {@code redis://user:***@host}. */
        public static String redact(String uri) {
            return uri.replaceAll("(://[^/@]*?:)[^/@]*@", "$1***@").replaceAll("(://)([^:/@]+)@", "$1***@");
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + redacted();
        }
    }
}
