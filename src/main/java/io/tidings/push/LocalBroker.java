package io.tidings.push;

import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.OutboundText;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers to the sessions registered on this node, storing first what is to be kept. A stored message to uids is
 * delivered by the store's own thread right after its commit, in commit order (a uids push of 10 000 holds the
 * next commit for those sends, each a queue or a non-blocking write); a group's or everyone's, whose fan-out may
 * reach many sessions, is handed in the same order to the one fan-out thread, so it never holds up the store.
 * While a fan-out is pending, a uid's message follows it through that thread, so that a session gets stored
 * messages in commit order whatever their targets (a batch of a group push then a uid push arrives in order).
 */
public final class LocalBroker implements Broker {
    private final Hub hub;
    private final Groups groups;
    private final InboxStore store;
    private final Executor fanOut;
    /** Fan-outs handed over and not yet done; read and raised on the store's thread only, lowered on fanOut's. */
    private final AtomicInteger fanOutsPending = new AtomicInteger();

    /**
     * @param store  the inbox's store, or null when nothing is stored (TIDINGS_INBOX=off)
     * @param fanOut one thread: runs stored group and broadcast fan-outs in order
     */
    public LocalBroker(Hub hub, Groups groups, InboxStore store, Executor fanOut) {
        this.hub = hub;
        this.groups = groups;
        this.store = store;
        this.fanOut = fanOut;
    }

    @Override
    public CompletableFuture<Published> publish(Message message) {
        if (!message.store() || store == null) {
            return CompletableFuture.completedFuture(new Published(deliver(message.target(),
                    new OutboundText(message.json())), List.of()));
        }
        List<Append> entries = new ArrayList<>();
        for (StreamKey stream : streams(message.target())) {
            entries.add(new Append(stream, message.id(), message.ts(), message.json(), message.idempotencyKey()));
        }
        return store.append(entries, stored -> deliverStored(message.target(), stored)).thenCompose(done -> done);
    }

    private CompletableFuture<Published> deliverStored(Target target, List<Appended> stored) {
        List<Appended> positions = stored.stream().map(Appended::position).toList();
        if (stored.isEmpty() || stored.get(0).duplicate()) {
            return CompletableFuture.completedFuture(new Published(0, positions));
        }
        if ((target instanceof Target.Uid || target instanceof Target.Uids) && fanOutsPending.get() == 0) {
            return CompletableFuture.completedFuture(new Published(sendToStreams(stored), positions));
        }
        fanOutsPending.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                int written = target instanceof Target.Uid || target instanceof Target.Uids ? sendToStreams(stored)
                        : deliver(target, framed(stored.get(0)));
                return new Published(written, positions);
            } finally {
                fanOutsPending.decrementAndGet();
            }
        }, fanOut);
    }

    /** Each stored entry to the sessions of the uid whose stream holds it. */
    private int sendToStreams(List<Appended> stored) {
        int written = 0;
        for (Appended entry : stored) {
            written += hub.sendToUid(entry.stream().name(), framed(entry));
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
        return List.of(StreamKey.ALL);
    }

    private int deliver(Target target, OutboundText text) {
        if (target instanceof Target.Uid one) {
            return hub.sendToUid(one.uid(), text);
        }
        if (target instanceof Target.Uids many) {
            return sendToEach(many.uids(), text);
        }
        if (target instanceof Target.Group group) {
            return sendToEach(groups.membersForDelivery(group.name()), text);
        }
        int[] written = {0};
        hub.forEach(connection -> {
            if (connection.send(text)) {
                written[0]++;
            }
        });
        return written[0];
    }

    private int sendToEach(Iterable<String> uids, OutboundText text) {
        int written = 0;
        for (String uid : uids) {
            written += hub.sendToUid(uid, text);
        }
        return written;
    }
}
