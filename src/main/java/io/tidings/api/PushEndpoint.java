package io.tidings.api;

import io.tidings.Tidings;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.inbox.InboxUnavailable;
import io.tidings.push.Failures;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import io.tidings.push.TooLargeToStore;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * POST /api/push, the one push endpoint: {@link PushServlet} answers through it in every container, and the
 * embedded server's selector fast path calls it without a servlet, handing over the Authorization header and
 * then the body it read. The order is the same on both paths: the key first ({@link #refusal}, so a refused
 * client is not asked for its body), then the body ({@link #parse}), then the delivery ({@link #deliver}).
 * Every push is counted by outcome: delivered, no_sessions or invalid.
 */
public final class PushEndpoint {
    private static final System.Logger LOG = System.getLogger(PushEndpoint.class.getName());

    private final ApiAccess access;
    private final int maxBody;
    private final DeliveryService delivery;
    private final Metrics metrics;
    private final Jsonb jsonb;

    PushEndpoint(ApiAccess access, int maxBody, DeliveryService delivery, Metrics metrics, Jsonb jsonb) {
        this.access = access;
        this.maxBody = maxBody;
        this.delivery = delivery;
        this.metrics = metrics;
        this.jsonb = jsonb;
    }

    /** The push endpoint of this running Tidings, for a launcher that serves it outside the servlets. */
    public static PushEndpoint of(Tidings tidings) {
        return new PushEndpoint(new ApiAccess(tidings.config().apiKey()), tidings.config().apiLimits().maxBody(),
                tidings.delivery(), tidings.metrics(), tidings.jsonb());
    }

    /** A body read as a push, or the answer that refuses it (400, 413): exactly one of the two. */
    public record Parsed(PushRequest push, Answer refusal) {
    }

    /** Whether pushes are stored (asked to be kept and TIDINGS_INBOX is not off). */
    public boolean storing() {
        return delivery.storing();
    }

    /** TIDINGS_API_MAX_BODY: a longer body is refused 413. */
    public int maxBody() {
        return maxBody;
    }

    /**
     * The answer refusing a request by its Authorization header (401; 503 with the API off), or null when it
     * carries the key and its body may be read.
     */
    public Answer refusal(String authorization) {
        try {
            access.check(authorization);
            return null;
        } catch (ApiException e) {
            return Answer.of(e, jsonb);
        }
    }

    /** Reads a whole body of at most {@link #maxBody()} bytes. */
    public Parsed parse(byte[] body) {
        try {
            return new Parsed(parse(() -> JsonBody.parseObject(body)), null);
        } catch (ApiException e) {
            return new Parsed(null, Answer.of(e, jsonb));
        } catch (IOException | RuntimeException e) {
            return new Parsed(null, failure(e));
        }
    }

    /** Where a push's JSON comes from: a servlet's body, the bytes a launcher read, a batch's item. */
    @FunctionalInterface
    interface Body {
        JsonValue read() throws ApiException, IOException;
    }

    /**
     * Delivers a parsed push: 200 {"delivered":n,"id":...,...} once it is stored (when kept) and handed to the
     * live sessions; 503 when the inbox cannot store it (the backend retries, with its idempotency key); 500 on an
     * unexpected fault (logged). Never blocks: the answer completes on whichever thread finished the delivery.
     */
    public CompletableFuture<Answer> deliver(PushRequest push) {
        return push(push).handle((receipt, failure) -> failure == null
                ? Answer.of(200, Replies.Pushed.of(receipt, push.target() instanceof Target.Uids), jsonb)
                : failed(failure));
    }

    /** Reads and validates one push; a refusal (400, 413) is counted invalid. */
    PushRequest parse(Body body) throws ApiException, IOException {
        try {
            return PushRequest.parse(body.read());
        } catch (ApiException e) {
            metrics.pushRefused();
            throw e;
        }
    }

    CompletableFuture<Receipt> push(PushRequest push) {
        CompletableFuture<Receipt> receipt;
        try {
            receipt = delivery.deliver(push.target(), push::frame, push.store(), push.idempotencyKey());
        } catch (RuntimeException e) {
            receipt = CompletableFuture.failedFuture(e);
        }
        return receipt.whenComplete((done, failure) -> {
            if (failure == null) {
                metrics.pushed(done.delivered());
            } else {
                metrics.pushNotStored();
            }
        });
    }

    /** The answer to a push that failed: 503 with the store's reason, or a logged 500. */
    public Answer failed(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof InboxUnavailable unavailable) {
            return Answer.of(new ApiException(503, unavailable.publicReason()), jsonb);
        }
        if (cause instanceof TooLargeToStore tooLarge) {
            return Answer.of(new ApiException(413, tooLarge.getMessage()), jsonb);
        }
        return failure(cause instanceof Exception e ? e : new IllegalStateException(cause));
    }

    /** The answer to a body that did not arrive whole (408 or 400, ending the connection), counted invalid. */
    public Answer unreadable(Throwable failure) {
        metrics.pushRefused();
        return Answer.of(JsonBody.unreadable(failure), jsonb);
    }

    /** A request refused as a whole, before any of its pushes was parsed (a batch's bad body). */
    void refused() {
        metrics.pushRefused();
    }

    /** The 500 answer to an unexpected fault, which is logged (without the request: its headers carry the key). */
    public Answer failure(Exception e) {
        LOG.log(System.Logger.Level.ERROR, "API request to " + ApiRoutes.PUSH + " failed", e);
        return Answer.INTERNAL_ERROR;
    }
}
