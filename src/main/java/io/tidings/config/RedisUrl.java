package io.tidings.config;

import io.tidings.config.ClusterSettings.RedisLayout;
import io.tidings.config.ClusterSettings.RedisLayout.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TIDINGS_REDIS_URL: one or more Redis URLs separated by commas (several {@code redis://} or
 * {@code redis-sentinel://} URLs are shards, each holding part of the uids), or one {@code redis-cluster://}
 * URL listing seed nodes of a Redis Cluster. Only the form is checked here; whether Redis answers is checked when
 * the node connects. A message never shows a password.
 */
final class RedisUrl {
    static final String FORMS = "redis://[[user]:password@]host[:port][/db] (rediss:// for TLS), several of them"
            + " separated by commas to partition the uids over independent Redis servers,"
            + " redis-sentinel://[:password@]host:port[,host:port][/db]#master, or"
            + " redis-cluster://[:password@]host:port[,host:port] for a Redis Cluster";
    /** A comma starts a new entry only where a scheme follows (a Sentinel URL lists its hosts with commas). */
    private static final Pattern ENTRY_START = Pattern.compile(",\\s*(?=[a-z-]+://)");
    private static final Pattern URL = Pattern.compile("(rediss?(?:-sentinel|-cluster)?)://([^/?#\\s]+)([^\\s]*)");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

    private RedisUrl() {
    }

    /** The layout, or null after adding what is wrong to problems. */
    static RedisLayout parse(String value, List<String> problems) {
        List<String> entries = List.of(ENTRY_START.split(value.trim()));
        List<String> uris = new ArrayList<>();
        Kind kind = null;
        for (String raw : entries) {
            String entry = raw.trim();
            Matcher url = URL.matcher(entry);
            if (!url.matches() || !hostsValid(url.group(2), url.group(1).endsWith("sentinel")
                    || url.group(1).endsWith("cluster"))) {
                problems.add("TIDINGS_REDIS_URL entry '" + RedisLayout.redact(entry) + "' is not a Redis URL; use "
                        + FORMS);
                return null;
            }
            Kind entryKind = url.group(1).endsWith("sentinel") ? Kind.SENTINEL
                    : url.group(1).endsWith("cluster") ? Kind.CLUSTER : Kind.STANDALONE;
            if (entryKind == Kind.CLUSTER) {
                if (entries.size() > 1) {
                    problems.add("TIDINGS_REDIS_URL: a redis-cluster:// URL must stand alone (a Redis Cluster"
                            + " partitions the keys itself); list its seed nodes inside it, separated by commas");
                    return null;
                }
                return new RedisLayout(Kind.CLUSTER, clusterSeeds(url));
            }
            if (kind == null || kind == Kind.STANDALONE && entryKind == Kind.STANDALONE) {
                kind = entryKind;
            } else {
                kind = Kind.SENTINEL; // shards may mix plain and Sentinel-managed servers
            }
            uris.add(entry);
        }
        return new RedisLayout(kind, uris);
    }

    /** redis-cluster://[auth@]h1:p1,h2:p2[?query] becomes redis://[auth@]h1:p1[?query], ... (rediss likewise). */
    private static List<String> clusterSeeds(Matcher url) {
        String scheme = url.group(1).startsWith("rediss") ? "rediss://" : "redis://";
        String authority = url.group(2);
        int at = authority.lastIndexOf('@');
        String auth = at < 0 ? "" : authority.substring(0, at + 1);
        String rest = url.group(3).replaceFirst("^/\\d*", "");
        List<String> seeds = new ArrayList<>();
        for (String host : authority.substring(at + 1).split(",")) {
            seeds.add(scheme + auth + host + rest);
        }
        return seeds;
    }

    private static boolean hostsValid(String authority, boolean several) {
        String hosts = authority.substring(authority.lastIndexOf('@') + 1);
        String[] each = several ? hosts.split(",", -1) : new String[] {hosts};
        for (String host : each) {
            Matcher matcher = HOST_PORT.matcher(host);
            if (!matcher.matches() || matcher.group(2) != null
                    && Integer.parseInt(matcher.group(2).substring(1)) > 65535) {
                return false;
            }
        }
        return true;
    }
}
