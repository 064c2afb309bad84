package io.tidings.launcher;

import io.tidings.Tidings;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The embedded server's WebSocket transport: Jetty's WebSocket core, in front of the servlet context. It takes
 * WebSocket upgrades for {@code /ws} and for the root itself (seed 004's {@code ws://host:9501?uid=&token=});
 * every other request, a plain GET of the root (the demo page) included, passes on to the context.
 */
final class CoreWebSocket {
    private CoreWebSocket() {
    }

    static Handler in(Tidings tidings, Handler context) {
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        CoreNegotiator negotiator = new CoreNegotiator(tidings);
        upgrades.addMapping("/ws", negotiator);
        upgrades.addMapping(new RegexPathSpec("^/$"), negotiator);
        upgrades.setHandler(context);
        return new UpgradeCredentials(upgrades);
    }
}
