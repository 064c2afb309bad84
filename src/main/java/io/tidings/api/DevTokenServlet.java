package io.tidings.api;

import io.tidings.auth.JwtToken;
import io.tidings.auth.UidFormat;
import io.tidings.config.TidingsConfig;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Dev mode only: GET /dev/token?uid=U answers {"uid":U,"token":JWT,"expiresIn":seconds}, so the demo page can
 * sign anyone in without a backend. {@link ApiRoutes} maps it only when TIDINGS_DEV is true; outside dev mode
 * the path does not exist (404), because handing out tokens to anyone who asks is the opposite of
 * authentication.
 */
final class DevTokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Duration TTL = TidingsConfig.DEV_TOKEN_LIFETIME;

    private final transient JwtToken jwt;
    private final transient Jsonb jsonb;

    DevTokenServlet(JwtToken jwt, Jsonb jsonb) {
        this.jwt = jwt;
        this.jsonb = jsonb;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String uid = request.getParameter("uid");
        if (!UidFormat.isValid(uid)) {
            // uid is unchecked input: never echoed back.
            ApiServlet.send(response, Answer.of(400, new Replies.Error("uid must be " + UidFormat.RULE), jsonb));
            return;
        }
        String token = jwt.issue(uid, TTL);
        ApiServlet.send(response, Answer.of(200, new Replies.DevToken(uid, token, TTL.toSeconds()), jsonb));
    }
}
