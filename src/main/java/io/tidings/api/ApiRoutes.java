package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.ServletContext;

/** Maps the HTTP endpoints of Tidings into a servlet context. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static void register(ServletContext context, Tidings tidings) {
        context.addServlet("tidings-health", new HealthServlet(tidings)).addMapping("/healthz", "/readyz");
    }
}
