package io.tidings.event;

import io.tidings.close.CloseException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only class that uses reflection, once, at startup: it finds the {@link OnEvent} methods of the given
 * handler objects, checks each signature and name, and reports every problem at once. Afterwards events are
 * found by name in an immutable map, so nothing but annotated methods can ever be invoked from the wire.
 */
public final class EventTable {
    /** What an event name may look like, inbound and pushed alike: safe for client dispatch tables and logs. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

    private final Map<String, Handler> handlers;

    private EventTable(Map<String, Handler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** One event's handler: a bound method handle and the payload record type (null when it takes none). */
    public record Handler(String event, MethodHandle method, Class<?> payloadType) {
    }

    /** Scans the handler objects; throws {@link InvalidHandlersException} listing every bad method. */
    public static EventTable scan(Object... handlerObjects) {
        Map<String, Handler> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Object target : handlerObjects) {
            for (Method method : target.getClass().getDeclaredMethods()) {
                OnEvent annotation = method.getAnnotation(OnEvent.class);
                if (annotation != null) {
                    add(found, problems, target, method, annotation.value());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidHandlersException(problems);
        }
        return new EventTable(found);
    }

    private static void add(Map<String, Handler> found, List<String> problems, Object target, Method method,
            String event) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        List<String> mine = signatureProblems(method);
        if (!NAME.matcher(event).matches()) {
            mine.add("event name '" + event + "' must match " + NAME.pattern());
        }
        if (found.containsKey(event)) {
            mine.add("event '" + event + "' is already handled");
        }
        if (mine.isEmpty()) {
            try {
                Class<?>[] parameters = method.getParameterTypes();
                Class<?> payload = parameters.length == 2 ? parameters[1] : null;
                found.put(event, new Handler(event, bind(target, method), payload));
            } catch (IllegalAccessException e) {
                mine.add("not accessible; its class must be public (" + e.getMessage() + ")");
            }
        }
        mine.forEach(problem -> problems.add(where + ": " + problem));
    }

    private static List<String> signatureProblems(Method method) {
        List<String> problems = new ArrayList<>();
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
            problems.add("must be a public instance method");
        }
        if (method.getReturnType() != void.class) {
            problems.add("must return void (answer with EventContext.reply)");
        }
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length < 1 || parameters.length > 2 || parameters[0] != EventContext.class) {
            problems.add("parameters must be (EventContext) or (EventContext, a record payload)");
        } else if (parameters.length == 2 && !parameters[1].isRecord()) {
            problems.add("payload type " + parameters[1].getSimpleName() + " must be a record");
        }
        for (Class<?> thrown : method.getExceptionTypes()) {
            if (thrown != CloseException.class && !RuntimeException.class.isAssignableFrom(thrown)) {
                problems.add("may throw only CloseException, not " + thrown.getSimpleName());
            }
        }
        return problems;
    }

    private static MethodHandle bind(Object target, Method method) throws IllegalAccessException {
        MethodHandle handle = MethodHandles.publicLookup().unreflect(method).bindTo(target);
        // One shape for every handler: (EventContext, Object) -> void.
        if (method.getParameterCount() == 1) {
            handle = MethodHandles.dropArguments(handle, 1, Object.class);
        }
        return handle.asType(MethodType.methodType(void.class, EventContext.class, Object.class));
    }

    /** The handler of an event, or null when no method is annotated with that name. */
    public Handler find(String event) {
        return handlers.get(event);
    }

    public Set<String> events() {
        return handlers.keySet();
    }
}
