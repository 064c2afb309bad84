package io.tidings.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import io.tidings.push.Failures;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * POST /api/push/batch {"pushes":[push, ...]}: up to {@link #MAX_PUSHES} pushes delivered in order, answered
 * item by item {"results":[{"delivered":n,"id":...} | {"error":...}, ...]}; one bad item does not stop the
 * others. A body that is not such an object is refused as a whole (400/413).
 */
final class BatchPushServlet extends ApiServlet {
    static final int MAX_PUSHES = 1000;
    private static final long serialVersionUID = 1L;
    private final transient PushEndpoint endpoint;

    BatchPushServlet(ApiServlet.Common common, PushEndpoint endpoint) {
        super(common);
        this.endpoint = endpoint;
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        expect(request, "POST");
        JsonArray pushes;
        try {
            JsonObject body = body(request);
            JsonFields.allowOnly(body, Set.of("pushes"));
            pushes = JsonFields.array(body, "pushes", 1, MAX_PUSHES);
        } catch (ApiException e) {
            endpoint.refused();
            throw e;
        }
        // Every stored push is handed to the store before any is awaited, so one group commit can store them all,
        // in order. A live-only push waits until every push before it is delivered, and a push after it is handed
        // over only once it is: the store would otherwise deliver a later stored push first.
        List<CompletableFuture<Object>> results = new ArrayList<>(pushes.size());
        CompletableFuture<?> doneBefore = CompletableFuture.completedFuture(null);
        CompletableFuture<?> handedBefore = doneBefore;
        for (JsonValue item : pushes) {
            CompletableFuture<Object> handed = new CompletableFuture<>();
            CompletableFuture<Object> result = pushOne(item, doneBefore, handedBefore, handed);
            results.add(result);
            doneBefore = CompletableFuture.allOf(doneBefore, result);
            handedBefore = handed;
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> new Replies.Batch(results.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * @param doneBefore   completes when every push before this one is delivered (or refused)
     * @param handedBefore completes when the push before this one is handed over
     * @param handed       completed here once this push is handed over: stored ones to the store, live-only ones
     *                     once delivered
     */
    private CompletableFuture<Object> pushOne(JsonValue item, CompletableFuture<?> doneBefore,
            CompletableFuture<?> handedBefore, CompletableFuture<Object> handed) throws IOException {
        PushRequest push;
        try {
            push = endpoint.parse(() -> item);
        } catch (ApiException e) {
            handedBefore.whenComplete((done, failure) -> handed.complete(null));
            return CompletableFuture.completedFuture(new Replies.Error(e.getMessage()));
        }
        boolean stored = push.store() && endpoint.storing();
        CompletableFuture<Receipt> pushed = (stored ? handedBefore : doneBefore)
                .handle((done, failure) -> null)
                .thenCompose(ready -> {
                    try {
                        return endpoint.push(push);
                    } finally {
                        if (stored) {
                            handed.complete(null);
                        }
                    }
                });
        if (!stored) {
            pushed.whenComplete((receipt, failure) -> handed.complete(null));
        }
        return pushed.handle((receipt, failure) -> failure == null
                ? Replies.Pushed.of(receipt, push.target() instanceof Target.Uids)
                : new Replies.Error(Failures.publicReason(failure)));
    }
}
