package io.tidings.push;

/**
 * What a delivery did: the message id, how many sessions it was written to, and whether it was a repeat of an
 * earlier push with the same idempotency key (then nothing was delivered this time; the figures are the first
 * try's).
 */
public record Receipt(String id, int delivered, boolean duplicate) {
    public Receipt(String id, int delivered) {
        this(id, delivered, false);
    }

    Receipt asDuplicate() {
        return new Receipt(id, delivered, true);
    }
}
