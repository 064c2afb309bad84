package io.tidings.launcher;

import io.tidings.api.ApiAnswer;
import io.tidings.api.ApiRoutes;
import io.tidings.api.PushCall;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The direct transport's POST /api/push: read on Jetty's selector thread, without the servlet context, and
 * answered by {@link PushCall}, with no hand-off to a pool thread when the body came with its headers. It takes
 * only a POST of /api/push whose Content-Length is at most {@link #INLINE_BODY}; anything else of that path
 * (another method, a chunked body, a longer one) goes on to the servlet, which answers it as it does in a WAR.
 */
final class DirectPush {
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
                && ApiRoutes.PUSH.equals(Request.getPathInContext(request));
    }

    /**
     * The key is checked first, so a refused client is not asked for its body (no 100 Continue). A body that came
     * with the headers, as a small request written at once does, is then read and answered right here; one still
     * on its way is read later by Jetty, on a pool thread, and answered there.
     */
    void handle(Request request, Response response, Callback callback) {
        Consumer<ApiAnswer> reply = answer -> send(response, answer, callback);
        PushCall.Admitted admitted = call.admit(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                refusal -> refuse(request, refusal, reply, callback));
        if (admitted == null) {
            return;
        }
        Content.Source.asByteArrayAsync(request, inlineLimit).whenComplete((body, failure) -> {
            // Nothing may escape this completion: the future holds what is thrown, and nobody reads it.
            try {
                if (failure != null) {
                    callback.failed(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                } else {
                    admitted.answer(body, pool, reply);
                }
            } catch (Throwable unexpected) {
                callback.failed(unexpected);
            }
        });
    }

    /**
     * A client that waits for 100 Continue is refused without being asked for its body. One that sent its body
     * anyway has it read and dropped first: Jetty ends a connection whose request was not read to its end, and
     * the client's next request on it would find it closed.
     */
    private static void refuse(Request request, ApiAnswer refusal, Consumer<ApiAnswer> reply, Callback callback) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            reply.accept(refusal);
        } else {
            Content.Source.consumeAll(request, Callback.from(() -> reply.accept(refusal), callback::failed));
        }
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
