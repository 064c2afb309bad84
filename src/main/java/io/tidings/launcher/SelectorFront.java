package io.tidings.launcher;

import io.tidings.launcher.websocket.WebSocketUpgrade;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The embedded server's first handler, run on Jetty's selector thread: a WebSocket upgrade is answered right
 * there ({@link WebSocketUpgrade}), so is a small POST /api/push ({@link SelectorPush}), and every other request
 * (the servlet context, which blocks: the rest of the API, the pages) is handed to a pool thread.
 */
final class SelectorFront extends Handler.Wrapper {
    private final WebSocketUpgrade upgrades;
    private final SelectorPush push;

    SelectorFront(WebSocketUpgrade upgrades, SelectorPush push, Handler context) {
        super(context);
        this.upgrades = upgrades;
        this.push = push;
    }

    /**
     * Jetty reads a request on its selector thread, without a hand-off, only when every handler declares itself
     * non-blocking; what blocks is handed off by {@link #handle} itself.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (push.takes(request)) {
            push.handle(request, response, callback);
        } else if (upgrades.takes(request)) {
            upgrades.answer(request, response, callback);
        } else {
            getServer().getThreadPool().execute(() -> passOn(request, response, callback));
        }
        return true;
    }

    private void passOn(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, failure);
        }
    }
}
