package io.tidings.api;

import io.tidings.close.CloseReason;
import io.tidings.hub.Hub;
import io.tidings.hub.Presence;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;

/**
 * Who is online: GET /api/online?uid=U, GET /api/sessions?uid=U (event sessions: those a push reaches), and
 * POST /api/kick {"uid":U}, which closes the uid's sessions with 4006 "kicked", its chat sessions included (this
 * node's here; in a cluster, presence closes those of the other nodes). In a cluster every node's sessions count.
 */
final class PresenceServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient Presence presence;
    private final transient Hub chat;

    /** @param chat this node's chat sessions, which a kick closes too */
    PresenceServlet(ApiServlet.Common common, Presence presence, Hub chat) {
        super(common);
        this.presence = presence;
        this.chat = chat;
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
        return presence.kick(uid).thenApply(kicked -> new Replies.Kicked(uid, kicked + chat.kick(uid,
                CloseReason.KICKED)));
    }
}
