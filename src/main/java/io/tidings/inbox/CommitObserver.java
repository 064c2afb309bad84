package io.tidings.inbox;

/** Told after each group commit of a store that has them: how many writes it carried and how long it took. */
@FunctionalInterface
public interface CommitObserver {
    void committed(int writes, long nanos);

    CommitObserver NONE = (writes, nanos) -> { };
}
