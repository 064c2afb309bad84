package io.tidings.hub;

/** Told about registrations, so metrics and (later) cluster ownership can follow without the hub knowing them. */
@FunctionalInterface
public interface HubListener {
    void registered(LiveSession connection);

    HubListener NONE = connection -> { };
}
