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
        // Every stored push is handed over before any is awaited: one group commit can store them all, in order.
        // A live-only one waits for the stored ones before it, which would otherwise reach sessions after it.
        List<CompletableFuture<Object>> results = new ArrayList<>(pushes.size());
        CompletableFuture<?> storedBefore = CompletableFuture.completedFuture(null);
        for (JsonValue item : pushes) {
            CompletableFuture<Object> result = pushOne(item, storedBefore);
            results.add(result);
            storedBefore = CompletableFuture.allOf(storedBefore, result);
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> new Replies.Batch(results.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<Object> pushOne(JsonValue item, CompletableFuture<?> storedBefore) throws IOException {
        PushRequest push;
        try {
            push = endpoint.parse(() -> item);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(new Replies.Error(e.getMessage()));
        }
        CompletableFuture<Receipt> pushed = push.store() && endpoint.storing() ? endpoint.push(push)
                : storedBefore.handle((done, failure) -> null).thenCompose(ready -> endpoint.push(push));
        return pushed.handle((receipt, failure) -> failure == null
                ? Replies.Pushed.of(receipt, push.target() instanceof Target.Uids)
                : new Replies.Error(Failures.publicReason(failure)));
    }
}
