package io.tidings.launcher;

import io.tidings.Tidings;
import io.tidings.config.TidingsConfig;
import io.tidings.session.ConnectionIds;
import io.tidings.session.InboundLimit;
import io.tidings.session.OriginPolicy;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Accepts or refuses a WebSocket upgrade on Jetty's core: an Origin not on TIDINGS_ALLOWED_ORIGINS gets HTTP 403
 * (as every WAR container answers it), permessage-deflate is declined unless TIDINGS_COMPRESSION is on, and
 * everything else is accepted, to be admitted or rejected by the session after the upgrade with a close code.
 * The session limits are the ones the Jakarta path sets on its container.
 */
final class CoreNegotiator extends WebSocketNegotiator.AbstractNegotiator {
    private final Tidings tidings;
    private final OriginPolicy origins;
    private final InboundLimit limit;
    private final ConnectionIds ids = new ConnectionIds();

    CoreNegotiator(Tidings tidings) {
        TidingsConfig config = tidings.config();
        this.tidings = tidings;
        this.origins = new OriginPolicy(config.security().allowedOrigins());
        this.limit = new InboundLimit(config.maxFrame());
        // Our sweeper decides idleness (4005); Jetty's idle timeout is only a backstop behind it.
        setIdleTimeout(config.idleBackstop());
        // No frame size limit in Jetty, which would apply to outbound frames too (an API push may exceed
        // TIDINGS_MAX_FRAME, and goes out whole as on every container). Inbound, auto-fragmenting hands a large
        // frame over in pieces as they arrive, and MessageAssembly enforces TIDINGS_MAX_FRAME on their sum.
        setMaxFrameSize(0);
        setAutoFragment(true);
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (!origins.allows(request.getHeaders().get(HttpHeader.ORIGIN))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed");
            return null;
        }
        // Jetty would accept every extension in its registry that the client offers.
        response.setExtensions(response.getExtensions().stream()
                .filter(extension -> tidings.config().negotiates(extension.getName())).toList());
        Fields query = request.getAttribute(UpgradeCredentials.ATTRIBUTE) instanceof Fields taken ? taken
                : Request.extractQueryParameters(request);
        return new CoreConnection(tidings, request.getComponents().getScheduler(), ids.next(),
                UpgradeCredentials.addressOf(request), limit,
                query.getValue("uid"), query.getValue("token"));
    }
}
