package io.tidings.mobile;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A provider behind the seam, answering as the test scripts it and recording every send with its time. */
final class ScriptedProvider implements PushProvider {
    record Sent(Notification notification, long nanos) {
    }

    private final Platform platform;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile Function<Notification, Outcome> answer = notification -> Outcome.accepted();

    ScriptedProvider(Platform platform) {
        this.platform = platform;
    }

    void answer(Function<Notification, Outcome> script) {
        this.answer = script;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public CompletableFuture<Outcome> send(Notification notification) {
        sent.add(new Sent(notification, System.nanoTime()));
        return CompletableFuture.completedFuture(answer.apply(notification));
    }

    @Override
    public int maxInFlight() {
        return 10;
    }

    @Override
    public void close() {
    }
}
