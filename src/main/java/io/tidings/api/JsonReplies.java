package io.tidings.api;

import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes one JSON answer: every servlet's API and health response goes through here, encoded with JSON-B. */
final class JsonReplies {
    private JsonReplies() {
    }

    static void write(HttpServletResponse response, int status, Object reply, Jsonb jsonb) throws IOException {
        // Encoded before anything is sent, so a failing encoder can still become a clean 500.
        send(response, ApiAnswer.of(status, reply, jsonb));
    }

    static void send(HttpServletResponse response, ApiAnswer answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", ApiAnswer.CACHE_CONTROL);
        response.setContentType(ApiAnswer.CONTENT_TYPE);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
