package io.tidings.hub;

/** Told about registrations, so metrics and cluster presence can follow without the hub knowing them. */
@FunctionalInterface
public interface HubListener {
    void registered(LiveSession connection);

    /** The session left the hub (closed, replaced, kicked); called once, after it was removed. */
    default void unregistered(LiveSession connection) {
    }

    HubListener NONE = connection -> { };
}
