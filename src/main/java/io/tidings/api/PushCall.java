package io.tidings.api;

import io.tidings.Tidings;
import io.tidings.config.SessionPolicy;
import io.tidings.push.Target;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * POST /api/push for a launcher that reads the request itself, outside any servlet: the embedded server's direct
 * transport hands over the Authorization header, then the body it read without blocking. The checks, answers
 * and counts are {@link PushServlet}'s, through the same {@link ApiAccess} and {@link Pusher}, in the same order:
 * the key is checked before the body is read ({@link #admit}), so a refused client is not asked for it. What
 * the launcher leaves to the servlet (another method, a chunked or a long body) is answered there.
 * <p>
 * A push to one uid without an idempotency key is delivered on the calling thread, when a uid can hold only a
 * few sessions ({@link #INLINE_SESSIONS}): it writes a frame or queues it, per session. Every other push
 * (several uids, a group, everyone, or a key, whose retry may wait for its first try) is delivered on the
 * executor given, so the caller's I/O thread never spends a broadcast's time or waits.
 */
public final class PushCall {
    /** The most sessions a one-uid push may reach and still be delivered on the caller's thread. */
    static final int INLINE_SESSIONS = 16;
    private static final System.Logger LOG = System.getLogger(PushCall.class.getName());

    private final ApiAccess access;
    private final Pusher pusher;
    private final Jsonb jsonb;
    private final int maxBody;
    private final boolean fewSessionsPerUid;
    private final Admitted admitted = new Admitted();

    public PushCall(Tidings tidings) {
        this.access = new ApiAccess(tidings.config().apiKey());
        this.pusher = new Pusher(tidings.delivery(), tidings.metrics());
        this.jsonb = tidings.jsonb();
        this.maxBody = tidings.config().apiLimits().maxBody();
        this.fewSessionsPerUid = tidings.config().sessionPolicy() == SessionPolicy.NEWEST
                || tidings.config().limits().maxSessionsPerUid() <= INLINE_SESSIONS;
    }

    /** TIDINGS_API_MAX_BODY: a longer body is the servlet's to refuse with 413. */
    public int maxBody() {
        return maxBody;
    }

    /**
     * Checks the key, before anything else: on a refusal (401, or 503 with the API off) {@code reply} gets it and
     * null is returned; otherwise the request may go on to have its body read.
     *
     * @param authorization the request's Authorization header, null without one
     */
    public Admitted admit(String authorization, Consumer<ApiAnswer> reply) {
        try {
            access.check(authorization);
            return admitted;
        } catch (ApiException e) {
            reply.accept(ApiAnswer.of(e, jsonb));
            return null;
        }
    }

    /** A request that passed {@link #admit}. */
    public final class Admitted {
        private Admitted() {
        }

        /**
         * Answers it; {@code reply} gets the answer exactly once, on this thread or the executor's.
         *
         * @param body the whole body, at most {@link #maxBody()} bytes
         */
        public void answer(byte[] body, Executor wide, Consumer<ApiAnswer> reply) {
            PushRequest push;
            try {
                push = pusher.parse(() -> JsonBody.parseObject(body));
            } catch (ApiException e) {
                reply.accept(ApiAnswer.of(e, jsonb));
                return;
            } catch (IOException | RuntimeException e) {
                reply.accept(failed(e));
                return;
            }
            if (fewSessionsPerUid && push.target() instanceof Target.Uid && push.idempotencyKey() == null) {
                reply.accept(deliver(push));
                return;
            }
            try {
                wide.execute(() -> reply.accept(deliver(push)));
            } catch (RuntimeException e) {
                reply.accept(failed(e));
            }
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
        LOG.log(System.Logger.Level.ERROR, "API request to " + ApiRoutes.PUSH + " failed", e);
        return ApiAnswer.INTERNAL_ERROR;
    }
}
