package io.tidings.push;

/** What a delivery did: the message id and how many sessions it was written to. */
public record Receipt(String id, int delivered) {
}
