package io.tidings.push;

import java.util.concurrent.CompletableFuture;

/**
 * Told of every stored message that may reach phones, once its broker has published it: mobile push makes its
 * jobs here, from {@link Published#reached}, so "no live session received it" is the broker's own answer (a
 * cluster broker's is cluster-wide) and there is no second path to ask. The delivery's receipt waits for the
 * returned future, so a push the API acknowledged has its jobs stored too.
 */
@FunctionalInterface
public interface AfterPublish {
    /**
     * Never blocks: it runs where the broker completed (the inbox writer, the fan-out thread). Completes once what
     * it stored is durable; a failure of its own is its to report, never the delivery's.
     */
    CompletableFuture<Void> published(Message message, Published published, Mobile mobile);

    /** Nothing after publishing (mobile push off). */
    AfterPublish NONE = (message, published, mobile) -> CompletableFuture.completedFuture(null);
}
