package io.tidings.testing.container;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.TestServer;
import java.net.URI;

/**
 * One running Tidings as the suite sees it: a container name and a base URL (http://127.0.0.1:PORT/tidings/
 * for a WAR, http://127.0.0.1:PORT/ for the embedded server). Every URL a test uses is relative to it, so the
 * suite proves that the WAR works under a context path.
 */
public record Deployment(String container, URI base) {

    /** An HTTP URL relative to the base: http("api/push"), http("healthz"). */
    public URI http(String relative) {
        return base.resolve(relative);
    }

    /** A WebSocket URL relative to the base: ws("ws", "uid=1&token=..."); ws("", query) is the root endpoint. */
    public URI ws(String relative, String query) {
        URI http = base.resolve(relative);
        return URI.create("ws" + http.toString().substring("http".length()) + (query == null ? "" : "?" + query));
    }

    /** The /ws endpoint with a valid legacy token for the uid. */
    public URI wsFor(String uid) {
        return ws("ws", credentials(uid));
    }

    /** The endpoint at the context root (seed 004's ws://host:9501?uid=&token=), with a valid token. */
    public URI rootWsFor(String uid) {
        return ws("", credentials(uid));
    }

    /** The /chat endpoint (workerman-chat's protocol) with a valid token. */
    public URI chatFor(String uid) {
        return ws("chat", credentials(uid));
    }

    private static String credentials(String uid) {
        return "uid=" + TestServer.encode(uid) + "&token=" + LegacyToken.issue(uid, TestServer.KEY);
    }

    @Override
    public String toString() {
        return container + " " + base;
    }
}
