package io.tidings.push;

import io.tidings.inbox.Appended;
import java.util.List;

/**
 * What a delivery did: the message id, how many sessions it was written to, where it was stored (one entry per
 * stream, empty when not stored), and whether it was a repeat of an earlier push with the same idempotency key
 * (then nothing was delivered this time; the figures are the first try's, or, after a restart, its positions
 * with 0 delivered).
 */
public record Receipt(String id, int delivered, boolean duplicate, List<Appended> stored) {
    public Receipt(String id, int delivered) {
        this(id, delivered, false, List.of());
    }

    public boolean isStored() {
        return !stored.isEmpty();
    }

    Receipt asDuplicate() {
        return new Receipt(id, delivered, true, stored);
    }
}
