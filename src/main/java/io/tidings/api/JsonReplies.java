package io.tidings.api;

import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes one JSON answer: every API and health response goes through here, encoded with JSON-B. */
final class JsonReplies {
    private static final byte[] INTERNAL_ERROR = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);

    private JsonReplies() {
    }

    static void write(HttpServletResponse response, int status, Object reply, Jsonb jsonb) throws IOException {
        write(response, status, reply, Map.of(), jsonb);
    }

    static void write(HttpServletResponse response, int status, Object reply, Map<String, String> headers,
            Jsonb jsonb) throws IOException {
        // Encoded before anything is sent, so a failing encoder can still become a clean 500.
        byte[] body = jsonb.toJson(reply).getBytes(StandardCharsets.UTF_8);
        send(response, status, headers, body);
    }

    /** The answer when something failed unexpectedly: a constant, so it cannot fail in turn. */
    static void internalError(HttpServletResponse response) throws IOException {
        send(response, 500, Map.of(), INTERNAL_ERROR);
    }

    private static void send(HttpServletResponse response, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
