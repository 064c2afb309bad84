package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.http.HttpServletRequest;

/** Everything else under /api: 404 in JSON, after the key check, so a caller without the key learns nothing. */
final class NotFoundServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    NotFoundServlet(Tidings tidings, ApiAccess access) {
        super(tidings, access);
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException {
        throw new ApiException(404, "no such endpoint; the API is described in README.md, \"Backend API\"");
    }
}
