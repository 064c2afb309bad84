package io.tidings.inbox.redis;

import io.tidings.inbox.StreamKey;

/**
 * Every Redis key and channel of a cluster, in one place, all under TIDINGS_REDIS_PREFIX. A stream's keys share a
 * hash tag ({@code {u:42}}, {@code {g:room-7}}, {@code {*}}), its "unit": on a Redis Cluster they sit in one slot,
 * so one script can store a message, find its recipients' nodes and publish it; with several shards the unit picks
 * the shard. Group membership shares one tag ({@code {grp}}), so a join checks every limit atomically.
 */
public final class RedisKeys {
    /** The unit of all group membership data. */
    public static final String MEMBERSHIP = "{grp}";

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The hash tag of a stream's keys. */
    public static String unit(StreamKey stream) {
        return "{" + stream.text() + "}";
    }

    /** The unit of a uid's keys: its stream, its presence. */
    public static String uidUnit(String uid) {
        return unit(StreamKey.uid(uid));
    }

    /** Hash: e (epoch), s (top seq), r (read up to). */
    public String meta(String unit) {
        return prefix + ":" + unit + ":m";
    }

    /** Stream: the stored messages, id "seq-0", fields t, i, f. */
    public String stream(String unit) {
        return prefix + ":" + unit + ":s";
    }

    /** A push's idempotency record in a stream's unit. */
    public String record(String unit, String idempotencyKey) {
        return prefix + ":" + unit + ":k:" + idempotencyKey;
    }

    /** Hash of a uid's sessions: "node session" -> "order openedAt address". */
    public String presence(String uid) {
        return prefix + ":" + uidUnit(uid) + ":p";
    }

    /** Hash of a group's route: node -> sessions of the group's members on that node. */
    public String route(String group) {
        return prefix + ":" + unit(StreamKey.group(group)) + ":n";
    }

    /** Hash of a chat room's seats, on every node: client id -> "order node uid name" (the group's unit). */
    public String seats(String group) {
        return prefix + ":" + unit(StreamKey.group(group)) + ":c";
    }

    /** Hash of a uid's chat sessions: node -> how many it holds (apart from presence, which counts /ws sessions). */
    public String chatPresence(String uid) {
        return prefix + ":" + uidUnit(uid) + ":h";
    }

    /** Set of the rooms a node has seats in, so a survivor can unseat them if it dies. */
    public String nodeRooms(String node) {
        return prefix + ":{n:" + node + "}:r";
    }

    /** Set of the uids a node holds chat sessions of. */
    public String nodeChatUids(String node) {
        return prefix + ":{n:" + node + "}:h";
    }

    /** Hash of the cluster's nodes: node -> "deadline sessions instance" (in the broadcast stream's unit). */
    public String nodes() {
        return prefix + ":" + unit(StreamKey.ALL) + ":nodes";
    }

    /** Sorted set of streams by the time of their oldest message (not kept on a Redis Cluster). */
    public String ages() {
        return prefix + ":ages";
    }

    /** Set of the uids a node holds sessions of, so a survivor can clear them from presence if it dies. */
    public String nodeUids(String node) {
        return prefix + ":{n:" + node + "}:u";
    }

    /** Set of the groups a node is on the route of. */
    public String nodeGroups(String node) {
        return prefix + ":{n:" + node + "}:g";
    }

    /** Set of a group's members. */
    public String members(String group) {
        return prefix + ":" + MEMBERSHIP + ":m:" + group;
    }

    /** Set of a uid's groups. */
    public String groupsOf(String uid) {
        return prefix + ":" + MEMBERSHIP + ":u:" + uid;
    }

    /** Hash: groups, memberships (the counts behind the limits). */
    public String groupCounts() {
        return prefix + ":" + MEMBERSHIP + ":c";
    }

    /** The unit of all mobile push data (devices and jobs), so each change is one atomic script. */
    public static final String PUSH = "{push}";

    /** Hash of every registered device: "platform:token" -> the device (JSON). */
    public String devices() {
        return prefix + ":" + PUSH + ":d";
    }

    /** What precedes a uid in the name of its devices' sorted set ("platform:token" by registration order). */
    public String devicesOfPrefix() {
        return prefix + ":" + PUSH + ":du:";
    }

    /** Counter: the order of registrations (the uid's oldest is the one dropped beyond its cap). */
    public String deviceOrder() {
        return prefix + ":" + PUSH + ":dn";
    }

    /** The channel on which device changes reach every node's copy of the registry. */
    public String deviceChannel() {
        return prefix + ":devices";
    }

    /** What precedes a push job's id in the name of its hash; the jobs' indexes follow it ("due", "lease", ...). */
    public String jobsPrefix() {
        return prefix + ":" + PUSH + ":j:";
    }

    /** What precedes a node's id in the name of its channel. */
    public String nodeChannelPrefix() {
        return prefix + ":n:";
    }

    public String nodeChannel(String node) {
        return nodeChannelPrefix() + node;
    }

    /** The channel of pushes to everyone: every node listens. */
    public String broadcastChannel() {
        return prefix + ":all";
    }
}
