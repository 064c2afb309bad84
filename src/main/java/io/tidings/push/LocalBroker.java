package io.tidings.push;

import io.tidings.config.SessionPolicy;
import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.HubListener;
import io.tidings.hub.OutboundText;
import io.tidings.hub.Rooms;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.StreamKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers to the sessions registered on this node (event sessions in the {@link Hub}, chat sessions in the
 * {@link Rooms}), storing first what is to be kept. A stored message to uids is
 * delivered by the store's own thread right after its commit, in commit order (a uids push of 10 000 holds the
 * next commit for those sends, each a queue or a non-blocking write); a group's or everyone's, whose fan-out may
 * reach many sessions, is handed in the same order to the one fan-out thread, so it never holds up the store.
 * While a fan-out is pending, a uid's message follows it through that thread, so that a session gets stored
 * messages in commit order whatever their targets (a batch of a group push then a uid push arrives in order). A
 * message that asks for its reach learns the uids whose sessions took it, from the very sends that delivered it
 * (on one node, "no live session received it" is exactly that).
 */
public final class LocalBroker implements Broker {
    private final Hub hub;
    private final Groups groups;
    private final Rooms rooms;
    private final InboxStore store;
    private final Executor fanOut;
    /** Fan-outs handed over and not yet done; read and raised on the store's thread only, lowered on fanOut's. */
    private final AtomicInteger fanOutsPending = new AtomicInteger();

    /** Without chat sessions: for tools and tests of event delivery alone. */
    public LocalBroker(Hub hub, Groups groups, InboxStore store, Executor fanOut) {
        this(hub, groups, new Rooms(new Hub(SessionPolicy.ALL, 1, HubListener.NONE)), store, fanOut);
    }

    /**
     * @param rooms  the chat sessions on this node
     * @param store  the inbox's store, or null when nothing is stored (TIDINGS_INBOX=off)
     * @param fanOut one thread: runs stored group and broadcast fan-outs in order
     */
    public LocalBroker(Hub hub, Groups groups, Rooms rooms, InboxStore store, Executor fanOut) {
        this.hub = hub;
        this.groups = groups;
        this.rooms = rooms;
        this.store = store;
        this.fanOut = fanOut;
    }

    @Override
    public CompletableFuture<Published> publish(Message message) {
        Set<String> reached = message.reach() ? new HashSet<>() : null;
        if (!message.store() || store == null) {
            return CompletableFuture.completedFuture(new Published(deliver(message.target(),
                    new OutboundText(message.json()), reached), List.of(), reached));
        }
        List<Append> entries = new ArrayList<>();
        for (StreamKey stream : streams(message.target())) {
            entries.add(new Append(stream, message.id(), message.ts(), message.json(), message.idempotencyKey()));
        }
        return store.append(entries, stored -> deliverStored(message.target(), stored, reached))
                .thenCompose(done -> done);
    }

    private CompletableFuture<Published> deliverStored(Target target, List<Appended> stored, Set<String> reached) {
        List<Appended> positions = stored.stream().map(Appended::position).toList();
        if (stored.isEmpty() || stored.get(0).duplicate()) {
            return CompletableFuture.completedFuture(new Published(0, positions, reached));
        }
        if ((target instanceof Target.Uid || target instanceof Target.Uids) && fanOutsPending.get() == 0) {
            return CompletableFuture.completedFuture(new Published(sendToStreams(stored, reached), positions,
                    reached));
        }
        fanOutsPending.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                int written = target instanceof Target.Uid || target instanceof Target.Uids
                        ? sendToStreams(stored, reached) : deliver(target, framed(stored.get(0)), reached);
                return new Published(written, positions, reached);
            } finally {
                // A batch's live-only push behind this fan-out holds back the stored pushes after it itself
                // (BatchPushServlet), so the count may drop as soon as this delivery is done.
                fanOutsPending.decrementAndGet();
            }
        }, fanOut);
    }

    /** Each stored entry to the sessions of the uid whose stream holds it. */
    private int sendToStreams(List<Appended> stored, Set<String> reached) {
        int written = 0;
        for (Appended entry : stored) {
            written += sendToUid(entry.stream().name(), framed(entry), reached);
        }
        return written;
    }

    private static OutboundText framed(Appended entry) {
        return OutboundText.stored(entry.frame(), entry.stream().text(), entry.seq());
    }

    /** The streams a message to this target is stored in. */
    private static List<StreamKey> streams(Target target) {
        if (target instanceof Target.Uid one) {
            return List.of(StreamKey.uid(one.uid()));
        }
        if (target instanceof Target.Uids many) {
            return many.uids().stream().map(StreamKey::uid).toList();
        }
        if (target instanceof Target.Group group) {
            return List.of(StreamKey.group(group.name()));
        }
        if (target instanceof Target.Room room) {
            return List.of(StreamKey.group(room.group()));
        }
        if (target instanceof Target.All) {
            return List.of(StreamKey.ALL);
        }
        throw new IllegalArgumentException("a message to " + target + " is never kept");
    }

    /** @param reached collects the uids a session took the frame for; null when nobody asked */
    private int deliver(Target target, OutboundText text, Set<String> reached) {
        if (target instanceof Target.Uid one) {
            return sendToUid(one.uid(), text, reached);
        }
        if (target instanceof Target.Uids many) {
            return sendToEach(many.uids(), text, reached);
        }
        if (target instanceof Target.Group group) {
            return sendToEach(groups.membersForDelivery(group.name()), text, reached)
                    + rooms.sendToRoom(group.name(), null, text);
        }
        if (target instanceof Target.Room room) {
            return rooms.sendToRoom(room.group(), room.except(), text);
        }
        if (target instanceof Target.ChatClient client) {
            Rooms.Seat seat = rooms.seat(client.clientId());
            return seat != null && seat.room().equals(client.room()) ? rooms.sendToClient(client.clientId(), text) : 0;
        }
        if (target instanceof Target.ChatUid one) {
            return rooms.sendToUid(one.uid(), text);
        }
        if (target instanceof Target.ChatGroup group) {
            int written = 0;
            for (String uid : groups.membersForDelivery(group.group())) {
                written += rooms.sendToUid(uid, text);
            }
            return written;
        }
        int[] written = {0};
        hub.forEach(connection -> {
            if (connection.send(text)) {
                written[0]++;
                if (reached != null) {
                    reached.add(connection.uid());
                }
            }
        });
        return written[0];
    }

    private int sendToEach(Iterable<String> uids, OutboundText text, Set<String> reached) {
        int written = 0;
        for (String uid : uids) {
            written += sendToUid(uid, text, reached);
        }
        return written;
    }

    private int sendToUid(String uid, OutboundText text, Set<String> reached) {
        int written = hub.sendToUid(uid, text);
        if (written > 0 && reached != null) {
            reached.add(uid);
        }
        return written;
    }
}
