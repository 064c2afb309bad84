package io.tidings.push;

import io.tidings.inbox.Appended;
import java.util.List;
import java.util.Set;

/**
 * What a broker did with a message: how many sessions it was written to, and where it was stored (one entry per
 * stream; empty when it was not stored). Entries marked duplicate mean the store had the message already under
 * its idempotency key, and nothing was delivered again.
 *
 * @param reached when the message asked for its reach ({@link Message#reach}): the uids a live session received
 *                it in, wherever that session is connected (a cluster broker answers cluster-wide); else null
 */
public record Published(int delivered, List<Appended> stored, Set<String> reached) {
    /** A publication that did not track its reach. */
    public Published(int delivered, List<Appended> stored) {
        this(delivered, stored, null);
    }

    public boolean duplicate() {
        return !stored.isEmpty() && stored.get(0).duplicate();
    }

    /**
     * Whether a live session of this uid received the message: the question mobile push asks before it makes a
     * job. Without a tracked reach the best answer left is whether any session took it.
     */
    public boolean reached(String uid) {
        return reached == null ? delivered > 0 : reached.contains(uid);
    }
}
