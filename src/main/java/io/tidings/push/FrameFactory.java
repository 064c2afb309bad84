package io.tidings.push;

/** Builds the outbound frame object (encoded with JSON-B) once the message has its id and timestamp. */
@FunctionalInterface
public interface FrameFactory {
    Object frame(String id, long ts);
}
