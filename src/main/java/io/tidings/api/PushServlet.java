package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * POST /api/push: one push, answered {"delivered":n,"id":...}. In a WAR every push comes this way; the embedded
 * server's direct transport answers most of them with {@link PushCall} instead, and sends here only what that
 * leaves (a chunked body, one over the limit, another method).
 */
final class PushServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private final transient Pusher pusher;

    PushServlet(Tidings tidings, ApiAccess access, Pusher pusher) {
        super(tidings, access);
        this.pusher = pusher;
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        expect(request, "POST");
        return Replies.Pushed.of(pusher.push(pusher.parse(() -> body(request))));
    }
}
