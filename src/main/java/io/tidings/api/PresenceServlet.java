package io.tidings.api;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.hub.Hub;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Who is online: GET /api/online?uid=U, GET /api/sessions?uid=U (event sessions: those a push reaches), and
 * POST /api/kick {"uid":U}, which closes the uid's sessions with 4006 "kicked", its chat sessions included.
 */
final class PresenceServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient Hub hub;
    private final transient Hub chat;

    /** @param chat the uid's chat sessions, which a kick closes too */
    PresenceServlet(ApiServlet.Common common, Hub hub, Hub chat) {
        super(common);
        this.hub = hub;
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
        int sessions = hub.sessions(uid).size();
        return new Replies.Online(uid, sessions > 0, sessions);
    }

    private Object sessions(HttpServletRequest request) throws ApiException {
        expect(request, "GET");
        String uid = JsonFields.uidParameter(request.getParameter("uid"));
        List<Replies.Session> sessions = hub.sessions(uid).stream()
                .map(c -> new Replies.Session(c.id(), c.openedAt().toString(), c.remoteAddress())).toList();
        return new Replies.Sessions(uid, sessions);
    }

    private Object kick(HttpServletRequest request) throws ApiException, IOException {
        expect(request, "POST");
        JsonObject body = body(request);
        JsonFields.allowOnly(body, Set.of("uid"));
        String uid = JsonFields.uid(body, "uid");
        return new Replies.Kicked(uid, kick(hub, uid) + kick(chat, uid));
    }

    private static int kick(Hub sessions, String uid) {
        int kicked = 0;
        for (LiveSession connection : sessions.sessions(uid)) {
            // Unregistered first, so presence and deliveries stop counting it before its close handshake ends.
            if (sessions.unregister(connection)) {
                connection.close(CloseReason.KICKED);
                kicked++;
            }
        }
        return kicked;
    }
}
