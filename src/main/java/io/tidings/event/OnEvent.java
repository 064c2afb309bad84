package io.tidings.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the handler of one inbound event, the only way a method becomes reachable from the wire.
 * Signature: {@code public void name(EventContext context)} or {@code public void name(EventContext context,
 * SomeRecord payload)}, optionally {@code throws CloseException}. The payload record is bound from the whole
 * frame with JSON-B. {@link EventTable} checks every annotated method at startup.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /** The event name as it appears in the frame's "event" field. */
    String value();
}
