package io.tidings.api;

import io.tidings.Tidings;
import jakarta.servlet.ServletContext;

/**
 * Maps the HTTP endpoints of Tidings into a servlet context. Every path is relative to the context, so the WAR
 * works under any context path; the exact and longer mappings win over the /api/* catch-all.
 */
public final class ApiRoutes {
    /** The push endpoint, which a launcher may also answer itself ({@link PushCall}). */
    public static final String PUSH = "/api/push";

    private ApiRoutes() {
    }

    public static void register(ServletContext context, Tidings tidings) {
        context.addServlet("tidings-health", new HealthServlet(tidings)).addMapping("/healthz", "/readyz");
        context.addServlet("tidings-metrics", new MetricsServlet(tidings.metrics())).addMapping("/metrics");

        ApiAccess access = new ApiAccess(tidings.config().apiKey());
        Pusher pusher = new Pusher(tidings.delivery(), tidings.metrics());
        context.addServlet("tidings-api-push", new PushServlet(tidings, access, pusher)).addMapping(PUSH);
        context.addServlet("tidings-api-batch", new BatchPushServlet(tidings, access, pusher))
                .addMapping("/api/push/batch");
        context.addServlet("tidings-api-presence", new PresenceServlet(tidings, access))
                .addMapping("/api/online", "/api/sessions", "/api/kick");
        context.addServlet("tidings-api-groups", new GroupsServlet(tidings, access)).addMapping("/api/groups/*");
        context.addServlet("tidings-api-other", new NotFoundServlet(tidings, access)).addMapping("/api/*");

        // Dev mode only: test tokens for the demo page. Outside dev mode /dev/token does not exist (404).
        if (tidings.config().dev()) {
            context.addServlet("tidings-dev-token", new DevTokenServlet(tidings)).addMapping("/dev/token");
        }
    }
}
