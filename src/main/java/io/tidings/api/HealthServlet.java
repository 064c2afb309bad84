package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /healthz (alive) and GET /readyz (ready to take sessions); no authentication, no secrets. */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Tidings tidings;

    HealthServlet(Tidings tidings) {
        this.tidings = tidings;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":\"ok\",\"sessions\":" + tidings.hub().size() + "}");
    }
}
