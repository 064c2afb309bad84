package io.tidings.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * POST /api/push in a servlet container: one push through the {@link PushEndpoint}, answered
 * {"delivered":n,"id":...}. The embedded server answers most pushes on its selector thread through the same
 * endpoint, and sends here only what it leaves (a chunked body, one over its inline limit, another method).
 */
final class PushServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private final transient PushEndpoint endpoint;

    PushServlet(ApiServlet.Common common, PushEndpoint endpoint) {
        super(common);
        this.endpoint = endpoint;
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        expect(request, "POST");
        return endpoint.deliver(endpoint.parse(() -> body(request)));
    }
}
