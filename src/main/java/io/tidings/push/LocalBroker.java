package io.tidings.push;

import io.tidings.hub.Groups;
import io.tidings.hub.Hub;
import io.tidings.hub.OutboundText;

/** Delivers to the sessions registered on this node. */
public final class LocalBroker implements Broker {
    private final Hub hub;
    private final Groups groups;

    public LocalBroker(Hub hub, Groups groups) {
        this.hub = hub;
        this.groups = groups;
    }

    @Override
    public int publish(Target target, Message message) {
        OutboundText text = new OutboundText(message.json());
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
