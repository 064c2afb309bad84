package io.tidings.api;

import io.tidings.hub.Hub;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * GET /healthz (alive: 200 {"status":"ok","sessions":n}) and GET /readyz (ready to take sessions: 200
 * {"status":"ready",...}, or 503 {"status":"stopping",...} once shutdown has begun, so a load balancer drains
 * this node, and in a cluster 503 {"status":"unavailable",...} while Redis cannot be reached). No
 * authentication: they reveal the state and the live session count (which the operator console polls), nothing
 * else.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Hub hub;
    private final transient BooleanSupplier closing;
    private final transient BooleanSupplier available;
    private final transient Jsonb jsonb;

    /**
     * @param closing   true once shutdown began
     * @param available false while what this node needs to serve is unreachable (a cluster's Redis)
     */
    HealthServlet(Hub hub, BooleanSupplier closing, BooleanSupplier available, Jsonb jsonb) {
        this.hub = hub;
        this.closing = closing;
        this.available = available;
        this.jsonb = jsonb;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int sessions = hub.size();
        if ("/healthz".equals(request.getServletPath())) {
            ApiServlet.send(response, Answer.of(200, new Replies.Status("ok", sessions), jsonb));
        } else if (closing.getAsBoolean()) {
            ApiServlet.send(response, Answer.of(503, new Replies.Status("stopping", sessions), jsonb));
        } else if (!available.getAsBoolean()) {
            ApiServlet.send(response, Answer.of(503, new Replies.Status("unavailable", sessions), jsonb));
        } else {
            ApiServlet.send(response, Answer.of(200, new Replies.Status("ready", sessions), jsonb));
        }
    }
}
