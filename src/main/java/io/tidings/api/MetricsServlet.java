package io.tidings.api;

import io.tidings.metrics.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /metrics: the Prometheus text format, without authentication like most scrape targets. It holds counts
 * only: label values come from fixed sets, never a uid, group, token or address (see {@link Metrics}).
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Metrics metrics;

    MetricsServlet(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(Metrics.contentType());
        response.setHeader("Cache-Control", "no-store");
        metrics.writeText(response.getOutputStream());
    }
}
