package io.tidings.push;

import io.tidings.inbox.Appended;
import java.util.List;

/**
 * What a broker did with a message: how many sessions it was written to, and where it was stored (one entry per
 * stream; empty when it was not stored). Entries marked duplicate mean the store had the message already under
 * its idempotency key, and nothing was delivered again.
 */
public record Published(int delivered, List<Appended> stored) {
    public boolean duplicate() {
        return !stored.isEmpty() && stored.get(0).duplicate();
    }
}
