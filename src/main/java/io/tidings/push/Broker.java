package io.tidings.push;

/**
 * The one interface every delivery goes through. Today {@link LocalBroker} writes to this node's sessions; a
 * durable inbox, a Redis cluster broker or mobile push will wrap or replace it without touching the callers.
 * Contract: publish never blocks on a slow client and returns the number of sessions the frame was written to
 * on this node.
 */
public interface Broker {
    int publish(Target target, Message message);
}
