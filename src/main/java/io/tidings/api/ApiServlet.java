package io.tidings.api;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.push.Failures;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.io.InputStream;
import java.util.Map;

/**
 * What every /api endpoint shares, in this order: 503 when the API is disabled, 401 without the right bearer
 * key, then the endpoint's own {@link #handle}; its reply object is sent as 200 JSON (an {@link Answer} as it
 * is; a future of either once it completes, within {@link #WAIT}) and an {@link ApiException} as its status with
 * {"error": ...}. An unexpected fault is a 500 {"error":"internal error"}, logged without the request (whose
 * headers carry the key).
 */
abstract class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ApiServlet.class.getName());

    /** The longest an answer waits for the inbox: beyond it, 503 (the work may still complete; retry with a key). */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** What every API servlet is built with. */
    record Common(ApiAccess access, Jsonb jsonb, int maxBody) {
    }

    private final transient Common common;

    ApiServlet(Common common) {
        this.common = common;
    }

    /**
     * Answers one authenticated request; returns the 200 reply (to be encoded with JSON-B), an {@link Answer}, or
     * a future of either.
     */
    abstract Object handle(HttpServletRequest request) throws ApiException, IOException;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            common.access().check(request.getHeader("Authorization"));
            Object reply = handle(request);
            if (reply instanceof CompletableFuture<?> pending) {
                reply = await(pending);
            }
            // Encoded before anything is sent, so a failing encoder can still become a clean 500.
            send(response, reply instanceof Answer answer ? answer : Answer.of(200, reply, common.jsonb()));
        } catch (ApiException e) {
            if (!"close".equals(e.headers().get("Connection"))) {
                dropUnreadBody(request);
            }
            send(response, Answer.of(e, common.jsonb()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "API request to " + request.getServletPath() + " failed", e);
            if (!response.isCommitted()) {
                response.reset();
                send(response, Answer.INTERNAL_ERROR);
            }
        }
    }

    /** The future's result; its ApiException or the inbox's refusal as what they answer. */
    private static Object await(CompletableFuture<?> pending) throws ApiException {
        try {
            return pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        } catch (TimeoutException e) {
            throw new ApiException(503, "inbox unavailable: no answer within " + WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e.getCause());
            if (cause instanceof ApiException refused) {
                throw refused;
            }
            if (cause instanceof InboxUnavailable unavailable) {
                throw new ApiException(503, unavailable.publicReason());
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Sends one answer: every servlet's JSON answer goes through here. */
    static void send(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        answer.forEachHeader(response::setHeader);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** A refused request's body, read and dropped as {@link RefusedBody} says. */
    private void dropUnreadBody(HttpServletRequest request) {
        long limit = common.maxBody();
        if (!RefusedBody.isDrained(request.getHeader("Expect"), request.getContentLengthLong(), limit)) {
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

    /** The JSON-B every answer is encoded with. */
    Jsonb jsonb() {
        return common.jsonb();
    }

    /** The request body as a JSON object, within TIDINGS_API_MAX_BODY. */
    JsonObject body(HttpServletRequest request) throws ApiException, IOException {
        return JsonBody.readObject(request, common.maxBody());
    }
}
