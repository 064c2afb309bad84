package io.tidings.cluster;

import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.RedisInbox;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.push.Broker;
import io.tidings.push.Message;
import io.tidings.push.Published;
import io.tidings.push.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster's broker: each message is one script in Redis per stream it goes to, which stores it (when it is to
 * be kept) and publishes it to the nodes holding its recipients, and only to them: a uid's message to the nodes in
 * the uid's presence, a group's to the nodes on the group's route, everyone's once on the broadcast channel. The
 * receiving nodes deliver it ({@link Inbound}). A message's {@code delivered} is the number of its recipients'
 * sessions online cluster-wide when it was stored (presence, read in the same atomic step); each of them receives
 * it live, or, if its connection drops first, on resume.
 * <p>
 * Chat targets are routed the same way: a room's messages along the group's route (its seats count there), kept in
 * its stream when they are; a private say to the node holding the client id in the room's seats, and nowhere when
 * it is not seated there; a pm to the nodes holding the uid's chat sessions; a groupPm as a pm to each member.
 */
final class ClusterBroker implements Broker {
    private final RedisInbox inbox;
    private final RedisKeys keys;
    private final NodeRegistry nodes;
    private final ClusterGroups groups;

    ClusterBroker(RedisInbox inbox, RedisKeys keys, NodeRegistry nodes, ClusterGroups groups) {
        this.inbox = inbox;
        this.keys = keys;
        this.nodes = nodes;
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
                    keys.nodeChannelPrefix(), nodes.dead())).thenApply(written -> published(message, List.of(written)));
        }
        if (target instanceof Target.All) {
            return send(message, StreamKey.ALL, new RedisInbox.Route('a', keys.nodes(), keys.broadcastChannel(),
                    nodes.dead())).thenApply(written -> published(message, List.of(written)));
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
        for (RedisInbox.Written one : written) {
            delivered += one.delivered();
            stored.add(one.appended());
        }
        return new Published(delivered, message.store() ? stored : List.of());
    }
}
