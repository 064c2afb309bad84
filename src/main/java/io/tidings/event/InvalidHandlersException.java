package io.tidings.event;

import java.util.List;

/** Startup stopped: one or more {@link OnEvent} methods are unusable. Lists every one, not just the first. */
public final class InvalidHandlersException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidHandlersException(List<String> problems) {
        super("invalid event handlers:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
