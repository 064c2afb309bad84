package io.tidings.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.tidings.close.CloseReason;
import io.tidings.hub.Hub;
import io.tidings.hub.OutboundText;
import io.tidings.hub.Rooms;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.metrics.Metrics;
import java.util.concurrent.CompletableFuture;

/**
 * What this node receives from the others, over its own channel and the broadcast channel of each Redis it
 * subscribes to. Lettuce calls in on the I/O thread of the subscription, in publish order; stored messages go
 * through the {@link StreamTrackers}. A uid's message is written to its few sessions right there (writes never
 * block); a group's or everyone's fan-out, which may reach many sessions, runs on the cluster's thread, in the
 * same order. A re-subscription (after any reconnect) makes the node restore itself in Redis and fill the gaps.
 */
final class Inbound implements StreamTrackers.Sink {
    private final ClusterParts parts;
    private final Hub hub;
    private final Rooms rooms;
    private final Metrics metrics;
    private final Runnable resubscribed;
    private final Runnable swept;
    private final CompletableFuture<Void> firstSubscription;
    private StreamTrackers trackers;
    private GroupRoutes routes;
    private ClusterPresence presence;
    private ClusterGroups groups;
    private int subscriptionsAwaited;

    /**
     * @param connections  how many subscription connections will report their first subscription
     * @param resubscribed run on the cluster's thread when a connection subscribed again after a reconnect
     * @param swept        run on the cluster's thread when a survivor says it swept this node (taken for dead)
     */
    Inbound(ClusterParts parts, Hub hub, Rooms rooms, Metrics metrics, int connections, Runnable resubscribed,
            Runnable swept) {
        this.parts = parts;
        this.hub = hub;
        this.rooms = rooms;
        this.metrics = metrics;
        this.resubscribed = resubscribed;
        this.swept = swept;
        this.subscriptionsAwaited = connections;
        this.firstSubscription = new CompletableFuture<>();
    }

    void wire(StreamTrackers trackers, GroupRoutes routes, ClusterPresence presence, ClusterGroups groups) {
        this.trackers = trackers;
        this.routes = routes;
        this.presence = presence;
        this.groups = groups;
    }

    /** Completes once every connection subscribed for the first time. */
    CompletableFuture<Void> subscribed() {
        return firstSubscription;
    }

    /** A listener for one subscription connection. */
    RedisPubSubAdapter<String, String> listener() {
        String own = parts.keys().nodeChannel(parts.node());
        return new RedisPubSubAdapter<>() {
            private boolean subscribedBefore;

            @Override
            public void message(String channel, String text) {
                received(text);
            }

            @Override
            public void subscribed(String channel, long count) {
                if (!own.equals(channel)) {
                    return;
                }
                if (subscribedBefore) {
                    parts.loop().execute(resubscribed);
                } else {
                    subscribedBefore = true;
                    firstSubscribed();
                }
            }
        };
    }

    private synchronized void firstSubscribed() {
        if (--subscriptionsAwaited == 0) {
            firstSubscription.complete(null);
        }
    }

    private void received(String text) {
        Envelope envelope = Envelope.parse(text);
        if (envelope instanceof Envelope.Stored stored) {
            metrics.clusterReceived("stored");
            trackers.onStored(stored);
        } else if (envelope instanceof Envelope.Live live) {
            metrics.clusterReceived("live");
            deliverLive(live.stream(), new OutboundText(live.frame()));
        } else if (envelope instanceof Envelope.Close close) {
            metrics.clusterReceived("control");
            presence.close(close.uid(), close.session(), close.code());
        } else if (envelope instanceof Envelope.Membership change) {
            metrics.clusterReceived("control");
            presence.membership(change.uid(), change.group(), change.joined()).thenRun(() ->
                    parts.redis().forUnit(RedisKeys.uidUnit(change.uid()))
                            .publish(parts.keys().nodeChannel(change.replyTo()), Envelope.ack(change.token())));
        } else if (envelope instanceof Envelope.Ack ack) {
            metrics.clusterReceived("control");
            groups.acknowledged(ack.token());
        } else if (envelope instanceof Envelope.KickChat kick) {
            metrics.clusterReceived("control");
            rooms.sessions().kick(kick.uid(), CloseReason.KICKED);
        } else if (envelope instanceof Envelope.Swept) {
            metrics.clusterReceived("control");
            parts.loop().execute(swept);
        }
    }

    /** A live message: to a stream's sessions, or to the chat sessions a chat address names (Envelope). */
    private void deliverLive(String address, OutboundText frame) {
        if (address.startsWith(ChatAddress.ROOM)) {
            int space = address.indexOf(' ');
            String group = address.substring(ChatAddress.ROOM.length(), space);
            String except = space == address.length() - 1 ? null : address.substring(space + 1);
            parts.loop().execute(() -> rooms.sendToRoom(group, except, frame));
        } else if (address.startsWith(ChatAddress.CLIENT)) {
            int space = address.indexOf(' ');
            String clientId = address.substring(ChatAddress.CLIENT.length(), space);
            Rooms.Seat seat = rooms.seat(clientId);
            // Only while it sits in the room the say was said in: it may have moved on since Redis routed it here.
            if (seat != null && address.substring(space + 1).equals(seat.room())) {
                rooms.sendToClient(clientId, frame);
            }
        } else if (address.startsWith(ChatAddress.UID)) {
            rooms.sendToUid(address.substring(ChatAddress.UID.length()), frame);
        } else {
            deliver(address, frame, false);
        }
    }

    @Override
    public void deliver(String stream, OutboundText frame, boolean roomOnly) {
        if (StreamKey.isUid(stream)) {
            hub.sendToUid(stream.substring(2), frame);
        } else if (StreamKey.ALL_NAME.equals(stream)) {
            parts.loop().execute(() -> hub.forEach(session -> session.send(frame)));
        } else {
            // A group's stream reaches its members' event sessions and the chat sessions seated in the room of that
            // name, as on one node; a room's own message (a say) only the latter.
            String group = stream.substring(2);
            parts.loop().execute(() -> {
                if (!roomOnly) {
                    for (String uid : routes.members(group)) {
                        hub.sendToUid(uid, frame);
                    }
                }
                rooms.sendToRoom(group, null, frame);
            });
        }
    }

    @Override
    public void epochChanged(String stream) {
        if (StreamKey.isUid(stream)) {
            // What the uid's sessions hold of its stream means nothing now: they reconnect and are told so on resume.
            hub.kick(stream.substring(2), CloseReason.STORE_RESET);
        } else if (!StreamKey.ALL_NAME.equals(stream)) {
            // A room's seated chat sessions hold its stream's old seqs and would drop its says until the new seqs
            // passed them: they reconnect, and log in again with what the room holds now.
            String room = stream.substring(2);
            parts.loop().execute(() -> rooms.seated(room).forEach(seat -> seat.session().close(
                    CloseReason.STORE_RESET)));
        }
    }

    @Override
    public void filled(int messages) {
        metrics.clusterGapFilled(messages);
    }
}
