package io.tidings.cluster;

import io.tidings.hub.Presence;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.RedisInbox;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.inbox.redis.RedisShards;
import io.tidings.push.Broker;
import io.tidings.push.Message;
import io.tidings.push.Published;
import io.tidings.push.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cluster's broker: each message is one script in Redis per stream it goes to, which stores it (when it is to
 * be kept) and publishes it to the nodes holding its recipients, and only to them: a uid's message to the nodes in
 * the uid's presence, a group's to the nodes on the group's route, everyone's once on the broadcast channel. The
 * receiving nodes deliver it ({@link Inbound}). A message's {@code delivered} is the number of its recipients'
 * sessions online cluster-wide when it was stored (presence, read in the same atomic step); each of them receives
 * it live, or, if its connection drops first, on resume.
 *
 * <p>A message that asks for its reach (mobile push: {@link Published#reached}) is answered cluster-wide: for a uid,
 * whether it had a session on a live node when it was stored (read in the same script); for a group, its members
 * with such a session, and for everyone, the uids with a session on a live node, both read from presence right
 * after the store (a session opening meanwhile resumes the message from the inbox).
 * <p>
 * Chat targets are routed the same way: a room's messages along the group's route (its seats count there), kept in
 * its stream when they are; a private say to the node holding the client id in the room's seats, and nowhere when
 * it is not seated there; a pm to the nodes holding the uid's chat sessions; a groupPm as a pm to each member.
 */
final class ClusterBroker implements Broker {
    private static final System.Logger LOG = System.getLogger(ClusterBroker.class.getName());
    private final RedisInbox inbox;
    private final RedisKeys keys;
    private final NodeRegistry nodes;
    private final RedisShards redis;
    private final Presence presence;
    private final ClusterGroups groups;

    ClusterBroker(RedisInbox inbox, RedisKeys keys, NodeRegistry nodes, RedisShards redis, Presence presence,
            ClusterGroups groups) {
        this.inbox = inbox;
        this.keys = keys;
        this.nodes = nodes;
        this.redis = redis;
        this.presence = presence;
        this.groups = groups;
    }

    @Override
    public CompletableFuture<Published> publish(Message message) {
        Target target = message.target();
        if (target instanceof Target.Uid one) {
            return toUid(message, one.uid()).thenApply(written -> published(message, List.of(written)));
        }
        if (target instanceof Target.Uids many) {
            List<CompletableFuture<RedisInbox.Written>> each = new ArrayList<>(many.uids().size());
            for (String uid : many.uids()) {
                each.add(toUid(message, uid));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> published(message, each.stream().map(CompletableFuture::join).toList()));
        }
        if (target instanceof Target.Group group) {
            return send(message, StreamKey.group(group.name()), new RedisInbox.Route('g', keys.route(group.name()),
                    keys.nodeChannelPrefix(), nodes.dead())).thenCompose(written -> reach(message,
                            () -> groups.members(group.name()).thenCompose(this::online), List.of(written)));
        }
        if (target instanceof Target.All) {
            return send(message, StreamKey.ALL, new RedisInbox.Route('a', keys.nodes(), keys.broadcastChannel(),
                    nodes.dead())).thenCompose(written -> reach(message, this::onlineAnywhere, List.of(written)));
        }
        return chat(message, target).thenApply(written -> published(message, written));
    }

    private CompletableFuture<List<RedisInbox.Written>> chat(Message message, Target target) {
        if (target instanceof Target.Room room) {
            return send(message, StreamKey.group(room.group()), new RedisInbox.Route('g', keys.route(room.group()),
                    keys.nodeChannelPrefix(), nodes.dead(), ChatAddress.room(room.group(), room.except()), true))
                    .thenApply(List::of);
        }
        if (target instanceof Target.ChatClient client) {
            String address = ChatAddress.client(client.clientId(), client.room());
            return send(message, StreamKey.group(client.room()), new RedisInbox.Route('c', keys.seats(client.room()),
                    keys.nodeChannelPrefix(), nodes.dead(), address, false)).thenApply(List::of);
        }
        if (target instanceof Target.ChatUid one) {
            return toChatUid(message, one.uid()).thenApply(List::of);
        }
        if (target instanceof Target.ChatGroup group) {
            return groups.members(group.group()).thenCompose(members -> {
                List<CompletableFuture<RedisInbox.Written>> each = new ArrayList<>(members.size());
                for (String uid : members) {
                    each.add(toChatUid(message, uid));
                }
                return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
            });
        }
        // A kind of target this broker does not route is refused, never widened to everyone.
        return CompletableFuture.failedFuture(new UnsupportedOperationException("a cluster does not carry "
                + target.getClass().getSimpleName() + " targets"));
    }

    private CompletableFuture<RedisInbox.Written> toChatUid(Message message, String uid) {
        return send(message, StreamKey.uid(uid), new RedisInbox.Route('g', keys.chatPresence(uid),
                keys.nodeChannelPrefix(), nodes.dead(), ChatAddress.uid(uid), false));
    }

    private CompletableFuture<RedisInbox.Written> toUid(Message message, String uid) {
        return send(message, StreamKey.uid(uid), new RedisInbox.Route('u', keys.presence(uid),
                keys.nodeChannelPrefix(), nodes.dead()));
    }

    private CompletableFuture<RedisInbox.Written> send(Message message, StreamKey stream, RedisInbox.Route route) {
        return inbox.publish(new Append(stream, message.id(), message.ts(), message.json(), message.idempotencyKey()),
                message.store(), route);
    }

    private static Published published(Message message, List<RedisInbox.Written> written) {
        int delivered = 0;
        List<Appended> stored = new ArrayList<>(written.size());
        Set<String> reached = message.reach() ? new HashSet<>() : null;
        for (RedisInbox.Written one : written) {
            delivered += one.delivered();
            stored.add(one.appended());
            if (reached != null && one.delivered() > 0) {
                reached.add(one.appended().stream().name()); // a uid's stream: its sessions on live nodes
            }
        }
        return new Published(delivered, message.store() ? stored : List.of(), reached);
    }

    /**
     * A group's or everyone's publication, with the uids it reached when the message asks. Presence that cannot be
     * read counts as nobody reached: a phone notified although a session had it beats a notification lost.
     */
    private CompletableFuture<Published> reach(Message message, Supplier<CompletableFuture<Set<String>>> online,
            List<RedisInbox.Written> written) {
        Published published = published(message, written);
        if (!message.reach() || published.duplicate()) {
            return CompletableFuture.completedFuture(published);
        }
        return online.get().handle((reached, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "presence could not be read for a push that asked for phones;"
                        + " every recipient with a device is notified: " + failure.getMessage());
            }
            return new Published(published.delivered(), published.stored(), failure == null ? reached : Set.of());
        });
    }

    /** Those of the uids with a session on a live node. */
    private CompletableFuture<Set<String>> online(List<String> uids) {
        List<CompletableFuture<Boolean>> each = uids.stream().map(presence::online).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Set<String> online = new HashSet<>();
            for (int i = 0; i < uids.size(); i++) {
                if (each.get(i).join()) {
                    online.add(uids.get(i));
                }
            }
            return online;
        });
    }

    /** Every uid with a session on a live node: the union of the live nodes' uid sets, on every shard. */
    private CompletableFuture<Set<String>> onlineAnywhere() {
        return redis.forUnit(RedisKeys.unit(StreamKey.ALL)).hkeys(keys.nodes()).toCompletableFuture()
                .thenCompose(members -> {
                    List<CompletableFuture<Set<String>>> sets = new ArrayList<>();
                    for (String node : members) {
                        if (!nodes.isDead(node)) {
                            for (var shard : redis.each()) {
                                sets.add(shard.smembers(keys.nodeUids(node)).toCompletableFuture());
                            }
                        }
                    }
                    return CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        Set<String> online = new HashSet<>();
                        sets.forEach(set -> online.addAll(set.join()));
                        return online;
                    });
                });
    }
}
