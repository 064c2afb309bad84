package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.ServletContext;

/** Maps the HTTP endpoints of Tidings into a servlet context. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static void register(ServletContext context, Tidings tidings) {
        context.addServlet("tidings-health", new HealthServlet(tidings)).addMapping("/healthz", "/readyz");

        // Dev mode only: test tokens for the demo page. Outside dev mode /dev/token does not exist (404).
        if (tidings.config().dev()) {
            context.addServlet("tidings-dev-token", new DevTokenServlet(tidings)).addMapping("/dev/token");
        }
    }
}
