package io.tidings.launcher;

import io.tidings.api.ApiAnswer;
import io.tidings.api.PushCall;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The direct transport's POST /api/push: read on Jetty's selector thread, without the servlet context or a
 * hand-off to a pool thread, and answered by {@link PushCall}. It takes only a POST of /api/push whose
 * Content-Length is at most {@link #INLINE_BODY}; anything else of that path (another method, a chunked body, a
 * longer one) goes on to the servlet, which answers it as it does in a WAR.
 */
final class DirectPush {
    private static final String PATH = "/api/push";
    /**
     * The largest body parsed on the selector thread, whose every other connection waits meanwhile: the size of
     * the largest client frame it parses anyway (TIDINGS_MAX_FRAME's default). Real pushes are a few hundred
     * bytes; a longer one, up to TIDINGS_API_MAX_BODY, is the servlet's.
     */
    static final int INLINE_BODY = 64 * 1024;

    private final PushCall call;
    private final Executor pool;
    private final int inlineLimit;

    DirectPush(PushCall call, Executor pool) {
        this.call = call;
        this.pool = pool;
        this.inlineLimit = Math.min(INLINE_BODY, call.maxBody());
    }

    boolean takes(Request request) {
        long length = request.getLength();
        return length >= 0 && length <= inlineLimit && HttpMethod.POST.is(request.getMethod())
                && PATH.equals(Request.getPathInContext(request));
    }

    /**
     * A body that came with the headers is read at once; one still on its way completes the read later, on the
     * thread Jetty reads it with.
     */
    void handle(Request request, Response response, Callback callback) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Content.Source.asByteArrayAsync(request, inlineLimit).whenComplete((body, failure) -> {
            if (failure != null) {
                callback.failed(failure);
            } else {
                call.answer(authorization, body, pool, answer -> send(response, answer, callback));
            }
        });
    }

    private static void send(Response response, ApiAnswer answer, Callback callback) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach(headers::put);
        headers.put(HttpHeader.CACHE_CONTROL, ApiAnswer.CACHE_CONTROL);
        headers.put(HttpHeader.CONTENT_TYPE, ApiAnswer.CONTENT_TYPE);
        headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
