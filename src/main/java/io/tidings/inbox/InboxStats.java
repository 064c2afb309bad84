package io.tidings.inbox;

/** What the metrics show of a store: the bytes it takes and the time (epoch ms) of its oldest message, 0 if none. */
public record InboxStats(long bytes, long oldestTs) {
}
