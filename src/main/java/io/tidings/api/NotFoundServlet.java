package io.tidings.api;

import jakarta.servlet.http.HttpServletRequest;

/** Everything else under /api: 404 in JSON, after the key check, so a caller without the key learns nothing. */
final class NotFoundServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    NotFoundServlet(ApiServlet.Common common) {
        super(common);
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException {
        throw new ApiException(404, "no such endpoint; the API is described in README.md, \"Backend API\"");
    }
}
