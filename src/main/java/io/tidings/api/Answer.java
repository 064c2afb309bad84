package io.tidings.api;

import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One JSON answer of the API before anything sends it: its status, its headers and its encoded body. A servlet
 * sends it through {@link ApiServlet#send}; the embedded server's selector fast path writes the same fields
 * itself, so both paths answer with the same bytes.
 *
 * @param headers the answer's own, e.g. Allow on a 405 or WWW-Authenticate on a 401
 */
public record Answer(int status, Map<String, String> headers, byte[] body) {
    /** As a servlet response spells it, so both paths send the same bytes. */
    static final String CONTENT_TYPE = "application/json;charset=utf-8";
    /** Answers are about this moment (a delivery count, a presence): no cache may keep one. */
    static final String CACHE_CONTROL = "no-store";

    /** The answer when something failed unexpectedly: a constant, so it cannot fail in turn. */
    static final Answer INTERNAL_ERROR = new Answer(500, Map.of(),
            "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8));

    static Answer of(int status, Object reply, Jsonb jsonb) {
        return of(status, reply, Map.of(), jsonb);
    }

    static Answer of(int status, Object reply, Map<String, String> headers, Jsonb jsonb) {
        return new Answer(status, headers, jsonb.toJson(reply).getBytes(StandardCharsets.UTF_8));
    }

    /** {"error": message} with the exception's status and headers. */
    static Answer of(ApiException e, Jsonb jsonb) {
        return of(e.status(), new Replies.Error(e.getMessage()), e.headers(), jsonb);
    }

    /** Every header the answer carries but Content-Length, which each sender sets its own way. */
    public void forEachHeader(BiConsumer<String, String> header) {
        headers.forEach(header);
        header.accept("Cache-Control", CACHE_CONTROL);
        header.accept("Content-Type", CONTENT_TYPE);
    }
}
