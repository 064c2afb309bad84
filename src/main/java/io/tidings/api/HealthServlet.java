package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /healthz (alive: 200 {"status":"ok","sessions":n}) and GET /readyz (ready to take sessions: 200
 * {"status":"ready",...}, or 503 {"status":"stopping",...} once shutdown has begun, so a load balancer drains
 * this node). No authentication: they reveal the state and the live session count (which the operator console
 * polls), nothing else.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Tidings tidings;

    HealthServlet(Tidings tidings) {
        this.tidings = tidings;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int sessions = tidings.hub().size();
        if ("/healthz".equals(request.getServletPath())) {
            JsonReplies.write(response, 200, new Replies.Status("ok", sessions), tidings.jsonb());
        } else if (tidings.isClosing()) {
            JsonReplies.write(response, 503, new Replies.Status("stopping", sessions), tidings.jsonb());
        } else {
            JsonReplies.write(response, 200, new Replies.Status("ready", sessions), tidings.jsonb());
        }
    }
}
