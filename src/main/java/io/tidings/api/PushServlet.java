package io.tidings.api;

import io.tidings.Tidings;
import io.tidings.push.Receipt;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** POST /api/push: one push, answered {"delivered":n,"id":...}. */
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
        PushRequest push;
        try {
            push = PushRequest.parse(body(request));
        } catch (ApiException e) {
            pusher.rejected();
            throw e;
        }
        return reply(pusher.push(push));
    }

    static Replies.Pushed reply(Receipt receipt) {
        return new Replies.Pushed(receipt.delivered(), receipt.id(), receipt.duplicate() ? Boolean.TRUE : null);
    }
}
