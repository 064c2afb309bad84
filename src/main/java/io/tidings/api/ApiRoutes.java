package io.tidings.api;

import io.tidings.Tidings;
import io.tidings.auth.JwtToken;
import io.tidings.config.TidingsConfig;
import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * Maps the HTTP endpoints of Tidings into a servlet context, each servlet built with the collaborators it
 * needs. Every path is relative to the context, so the WAR works under any context path; the exact and longer
 * mappings win over the /api/* catch-all.
 */
public final class ApiRoutes {
    /** The push endpoint, which a launcher may also answer itself ({@link PushEndpoint}). */
    public static final String PUSH = "/api/push";

    private ApiRoutes() {
    }

    public static void register(ServletContext context, Tidings tidings) {
        TidingsConfig config = tidings.config();
        context.addServlet("tidings-health", new HealthServlet(tidings.hub(), tidings::isClosing,
                tidings::isAvailable, tidings.jsonb()))
                .addMapping("/healthz", "/readyz");
        context.addServlet("tidings-metrics", new MetricsServlet(tidings.metrics())).addMapping("/metrics");

        ApiServlet.Common common = new ApiServlet.Common(new ApiAccess(config.apiKey()), tidings.jsonb(),
                config.apiLimits().maxBody());
        PushEndpoint push = PushEndpoint.of(tidings);
        context.addServlet("tidings-api-push", new PushServlet(common, push)).addMapping(PUSH);
        context.addServlet("tidings-api-batch", new BatchPushServlet(common, push)).addMapping("/api/push/batch");
        context.addServlet("tidings-api-presence", new PresenceServlet(common, tidings.presence(),
                tidings.rooms().sessions())).addMapping("/api/online", "/api/sessions", "/api/kick");
        context.addServlet("tidings-api-inbox", new InboxServlet(common, tidings.inbox(), tidings.delivery()))
                .addMapping("/api/inbox", "/api/inbox/read");
        context.addServlet("tidings-api-devices", new DevicesServlet(common, tidings.devices()))
                .addMapping("/api/devices");
        context.addServlet("tidings-api-groups", new GroupsServlet(common, tidings.groupDirectory(), config.apiLimits()))
                .addMapping("/api/groups/*");
        context.addServlet("tidings-api-other", new NotFoundServlet(common)).addMapping("/api/*");

        // Dev mode only: test tokens for the demo page. Outside dev mode /dev/token does not exist (404).
        if (config.dev()) {
            context.addServlet("tidings-dev-token",
                    new DevTokenServlet(new JwtToken(config.key(), Clock.systemUTC()), tidings.jsonb()))
                    .addMapping("/dev/token");
        }
    }
}
