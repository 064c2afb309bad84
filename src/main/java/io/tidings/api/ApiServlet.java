package io.tidings.api;

import io.tidings.Tidings;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * What every /api endpoint shares, in this order: 503 when the API is disabled, 401 without the right bearer
 * key, then the endpoint's own {@link #handle}; its reply object is sent as 200 JSON and an {@link ApiException}
 * as its status with {"error": ...}. An unexpected fault is a 500 {"error":"internal error"}, logged without the
 * request (whose headers carry the key).
 */
abstract class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ApiServlet.class.getName());

    final transient Tidings tidings;
    private final transient ApiAccess access;

    ApiServlet(Tidings tidings, ApiAccess access) {
        this.tidings = tidings;
        this.access = access;
    }

    /** Answers one authenticated request; returns the 200 reply, to be encoded with JSON-B. */
    abstract Object handle(HttpServletRequest request) throws ApiException, IOException;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            access.check(request.getHeader("Authorization"));
            JsonReplies.write(response, 200, handle(request), tidings.jsonb());
        } catch (ApiException e) {
            dropUnreadBody(request);
            JsonReplies.send(response, ApiAnswer.of(e, tidings.jsonb()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "API request to " + request.getServletPath() + " failed", e);
            if (!response.isCommitted()) {
                response.reset();
                JsonReplies.send(response, ApiAnswer.INTERNAL_ERROR);
            }
        }
    }

    /**
     * Reads and drops what a refused request's body still holds, within TIDINGS_API_MAX_BODY, before the answer:
     * Jetty ends a connection whose request was not read to its end, and a keep-alive client's next request on it
     * would find it closed. A client waiting for 100 Continue is not asked for the body; one over the limit is
     * not read (its connection ends, as a 413's may).
     */
    private void dropUnreadBody(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        long declared = request.getContentLengthLong();
        long limit = tidings.config().apiLimits().maxBody();
        if ((expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue")) || declared == 0
                || declared > limit) {
            return;
        }
        try {
            InputStream in = request.getInputStream();
            long skipped;
            while (limit > 0 && (skipped = in.skip(limit)) > 0) {
                limit -= skipped;
            }
        } catch (IOException | IllegalStateException e) {
            // read already, closed, or the client is gone: nothing left to keep the connection for
        }
    }

    /** 405 unless the request uses the given method. */
    static void expect(HttpServletRequest request, String method) throws ApiException {
        if (!method.equals(request.getMethod())) {
            throw new ApiException(405, "method " + request.getMethod() + " not allowed here; use " + method,
                    Map.of("Allow", method));
        }
    }

    /** The request body as a JSON object, within TIDINGS_API_MAX_BODY. */
    JsonObject body(HttpServletRequest request) throws ApiException, IOException {
        return JsonBody.readObject(request, tidings.config().apiLimits().maxBody());
    }
}
