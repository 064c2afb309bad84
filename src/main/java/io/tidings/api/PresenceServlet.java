package io.tidings.api;

import io.tidings.hub.Presence;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;

/**
 * Who is online: GET /api/online?uid=U, GET /api/sessions?uid=U, and POST /api/kick {"uid":U}, which closes the
 * uid's sessions with 4006 "kicked". In a cluster every answer covers every node.
 */
final class PresenceServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient Presence presence;

    PresenceServlet(ApiServlet.Common common, Presence presence) {
        super(common);
        this.presence = presence;
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        return switch (request.getServletPath()) {
            case "/api/online" -> online(request);
            case "/api/sessions" -> sessions(request);
            default -> kick(request);
        };
    }

    private Object online(HttpServletRequest request) throws ApiException {
        expect(request, "GET");
        String uid = JsonFields.uidParameter(request.getParameter("uid"));
        return presence.sessions(uid).thenApply(sessions -> new Replies.Online(uid, !sessions.isEmpty(),
                sessions.size()));
    }

    private Object sessions(HttpServletRequest request) throws ApiException {
        expect(request, "GET");
        String uid = JsonFields.uidParameter(request.getParameter("uid"));
        return presence.sessions(uid).thenApply(sessions -> new Replies.Sessions(uid, sessions.stream()
                .map(s -> new Replies.Session(s.id(), s.node(), s.openedAt().toString(), s.remoteAddress()))
                .toList()));
    }

    private Object kick(HttpServletRequest request) throws ApiException, IOException {
        expect(request, "POST");
        JsonObject body = body(request);
        JsonFields.allowOnly(body, Set.of("uid"));
        String uid = JsonFields.uid(body, "uid");
        return presence.kick(uid).thenApply(kicked -> new Replies.Kicked(uid, kicked));
    }
}
