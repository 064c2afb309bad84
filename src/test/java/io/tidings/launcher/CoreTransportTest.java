package io.tidings.launcher;

/** The frame-level contract over Jetty's WebSocket core (TIDINGS_EMBEDDED_WEBSOCKET=core). */
class CoreTransportTest extends TransportContract {
    @Override
    String transport() {
        return "core";
    }
}
