package io.tidings.launcher;

import io.tidings.api.Answer;
import io.tidings.api.ApiRoutes;
import io.tidings.api.PushEndpoint;
import io.tidings.api.PushRequest;
import io.tidings.api.RefusedBody;
import io.tidings.push.Target;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * POST /api/push read on Jetty's selector thread, without the servlet context, and answered by the
 * {@link PushEndpoint} every container's servlet answers through. It takes only a POST of /api/push whose
 * Content-Length is at most {@link #INLINE_BODY}; anything else of that path (another method, a chunked body, a
 * longer one) goes on to the servlet, which answers it as it does in a WAR.
 * <p>
 * A push that is stored is handed to the inbox on the selector thread: the inbox's writer stores it, delivers it
 * and completes the answer, so the selector neither waits for the commit nor fans out. A push that is not stored
 * is delivered on the selector thread when it goes to one uid that can hold only a few sessions
 * ({@link #INLINE_SESSIONS}): it writes a frame or queues it, per session. Every other one (several uids, a
 * group, everyone) is delivered on a pool thread, so the selector never spends a broadcast's time.
 */
final class SelectorPush {
    /**
     * The largest body parsed on the selector thread, whose every other connection waits meanwhile: the size of
     * the largest client frame it parses anyway (TIDINGS_MAX_FRAME's default). Real pushes are a few hundred
     * bytes; a longer one, up to TIDINGS_API_MAX_BODY, is the servlet's.
     */
    static final int INLINE_BODY = 64 * 1024;
    /** The most sessions a one-uid push may reach and still be delivered on the selector thread. */
    static final int INLINE_SESSIONS = 16;

    private final PushEndpoint endpoint;
    private final Executor pool;
    private final int inlineLimit;
    private final boolean fewSessionsPerUid;

    /** @param maxSessionsPerUid the most sessions one uid can hold (1 under the "newest" policy) */
    SelectorPush(PushEndpoint endpoint, Executor pool, int maxSessionsPerUid) {
        this.endpoint = endpoint;
        this.pool = pool;
        this.inlineLimit = Math.min(INLINE_BODY, endpoint.maxBody());
        this.fewSessionsPerUid = maxSessionsPerUid <= INLINE_SESSIONS;
    }

    boolean takes(Request request) {
        long length = request.getLength();
        return length >= 0 && length <= inlineLimit && HttpMethod.POST.is(request.getMethod())
                && ApiRoutes.PUSH.equals(Request.getPathInContext(request));
    }

    /**
     * The key is checked first, so a refused client is not asked for its body (no 100 Continue). A body that came
     * with the headers, as a small request written at once does, is then read and answered right here; one still
     * on its way is read later by Jetty, on a pool thread, and answered there.
     */
    void handle(Request request, Response response, Callback callback) {
        Answer refusal = endpoint.refusal(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (refusal != null) {
            refuse(request, response, refusal, callback);
            return;
        }
        Content.Source.asByteArrayAsync(request, inlineLimit).whenComplete((body, failure) -> {
            // Nothing may escape this completion: the future holds what is thrown, and nobody reads it.
            try {
                if (failure != null) {
                    // Stalled past TIDINGS_REQUEST_TIMEOUT, or the connection ended before Content-Length bytes.
                    send(response, endpoint.unreadable(failure instanceof CompletionException wrapped
                            ? wrapped.getCause() : failure), callback);
                } else {
                    answer(endpoint.parse(body), response, callback);
                }
            } catch (Throwable unexpected) {
                callback.failed(unexpected);
            }
        });
    }

    private void answer(PushEndpoint.Parsed parsed, Response response, Callback callback) {
        PushRequest push = parsed.push();
        if (push == null) {
            send(response, parsed.refusal(), callback);
        } else if (endpoint.storing() && push.store() || fewSessionsPerUid && push.target() instanceof Target.Uid) {
            // Stored, the push is only handed to the inbox's writer here; its delivery and answer come from there.
            deliver(push, response, callback);
        } else {
            try {
                pool.execute(() -> deliver(push, response, callback));
            } catch (RuntimeException e) {
                send(response, endpoint.failure(e), callback); // the pool refused: shutting down
            }
        }
    }

    private void deliver(PushRequest push, Response response, Callback callback) {
        endpoint.deliver(push).whenComplete((answer, failure) ->
                send(response, failure == null ? answer : endpoint.failed(failure), callback));
    }

    /** A refused request's body is read and dropped first when {@link RefusedBody} says so. */
    private void refuse(Request request, Response response, Answer refusal, Callback callback) {
        if (RefusedBody.isDrained(request.getHeaders().get(HttpHeader.EXPECT), request.getLength(), inlineLimit)) {
            Content.Source.consumeAll(request, Callback.from(() -> send(response, refusal, callback),
                    callback::failed));
        } else {
            send(response, refusal, callback);
        }
    }

    private static void send(Response response, Answer answer, Callback callback) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.forEachHeader(headers::put);
        headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
