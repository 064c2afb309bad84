package io.tidings.api;

import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One JSON answer of the API before any container sends it: its status, the headers it must carry besides
 * {@link #CONTENT_TYPE} and {@link #CACHE_CONTROL}, and the encoded body. The servlets write it through
 * {@link JsonReplies}; a launcher that serves {@link PushCall} itself writes the same fields.
 *
 * @param headers e.g. Allow on a 405 or WWW-Authenticate on a 401
 */
public record ApiAnswer(int status, Map<String, String> headers, byte[] body) {
    /** As a servlet response spells it, so both paths send the same bytes. */
    public static final String CONTENT_TYPE = "application/json;charset=utf-8";
    /** Answers are about this moment (a delivery count, a presence): no cache may keep one. */
    public static final String CACHE_CONTROL = "no-store";

    /** The answer when something failed unexpectedly: a constant, so it cannot fail in turn. */
    static final ApiAnswer INTERNAL_ERROR = new ApiAnswer(500, Map.of(),
            "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8));

    static ApiAnswer of(int status, Object reply, Jsonb jsonb) {
        return of(status, reply, Map.of(), jsonb);
    }

    static ApiAnswer of(int status, Object reply, Map<String, String> headers, Jsonb jsonb) {
        return new ApiAnswer(status, headers, jsonb.toJson(reply).getBytes(StandardCharsets.UTF_8));
    }

    /** {"error": message} with the exception's status and headers. */
    static ApiAnswer of(ApiException e, Jsonb jsonb) {
        return of(e.status(), new Replies.Error(e.getMessage()), e.headers(), jsonb);
    }
}
