package io.tidings.push;

/**
 * One message on its way: its unique id, its creation time (epoch ms) and the frame text, encoded once and
 * shared by every recipient. The id lets a future inbox, cluster or client de-duplicate.
 */
public record Message(String id, long ts, String json) {
}
