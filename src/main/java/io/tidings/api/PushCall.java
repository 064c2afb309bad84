package io.tidings.api;

import io.tidings.Tidings;
import io.tidings.push.Target;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * POST /api/push for a launcher that reads the request itself, outside any servlet: the embedded server's direct
 * transport hands over the Authorization header and the body it read without blocking. The checks, answers and
 * counts are {@link PushServlet}'s, through the same {@link ApiAccess} and {@link Pusher}; what the launcher
 * leaves to the servlet (another method, a chunked body, one over {@link #maxBody()}) is answered there.
 * <p>
 * A push to one uid without an idempotency key is delivered on the calling thread: it only queues a frame per
 * session. Every other push (several uids, a group, everyone, or a key, whose retry may wait for its first try)
 * is delivered on the executor given, so the caller's I/O thread never spends a broadcast's time or waits.
 */
public final class PushCall {
    private static final System.Logger LOG = System.getLogger(PushCall.class.getName());

    private final ApiAccess access;
    private final Pusher pusher;
    private final Jsonb jsonb;
    private final int maxBody;

    public PushCall(Tidings tidings) {
        this.access = new ApiAccess(tidings.config().apiKey());
        this.pusher = new Pusher(tidings.delivery(), tidings.metrics());
        this.jsonb = tidings.jsonb();
        this.maxBody = tidings.config().apiLimits().maxBody();
    }

    /** TIDINGS_API_MAX_BODY: a longer body is the servlet's to refuse with 413. */
    public int maxBody() {
        return maxBody;
    }

    /**
     * Answers one POST /api/push; {@code reply} gets the answer exactly once, on this thread or the executor's.
     *
     * @param authorization the request's Authorization header, null without one
     * @param body the whole body, at most {@link #maxBody()} bytes
     */
    public void answer(String authorization, byte[] body, Executor wide, Consumer<ApiAnswer> reply) {
        PushRequest push;
        try {
            access.check(authorization);
            push = pusher.parse(() -> JsonBody.parseObject(body));
        } catch (ApiException e) {
            reply.accept(ApiAnswer.of(e, jsonb));
            return;
        } catch (IOException | RuntimeException e) {
            reply.accept(failed(e));
            return;
        }
        if (push.target() instanceof Target.Uid && push.idempotencyKey() == null) {
            reply.accept(deliver(push));
            return;
        }
        try {
            wide.execute(() -> reply.accept(deliver(push)));
        } catch (RuntimeException e) {
            reply.accept(failed(e));
        }
    }

    private ApiAnswer deliver(PushRequest push) {
        try {
            return ApiAnswer.of(200, Replies.Pushed.of(pusher.push(push)), jsonb);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Logged without the request, whose headers carry the key. */
    private static ApiAnswer failed(Exception e) {
        LOG.log(System.Logger.Level.ERROR, "API request to /api/push failed", e);
        return ApiAnswer.INTERNAL_ERROR;
    }
}
