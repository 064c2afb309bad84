package io.tidings.api;

import java.util.Map;

/**
 * An API request that gets a documented error answer: its HTTP status and the message that names the problem,
 * sent as {"error": message}. Control flow, not a fault, so it carries no stack trace.
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    int status() {
        return status;
    }

    /** Headers the answer must carry, e.g. Allow on a 405 or WWW-Authenticate on a 401. */
    Map<String, String> headers() {
        return headers;
    }
}
