package io.tidings.api;

import io.tidings.json.JsonInput;
import io.tidings.limit.LogLimiter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body of at most TIDINGS_API_MAX_BODY bytes as one JSON value. A body over the limit is
 * refused 413 before it is parsed (and, when Content-Length announces it, before it is read); anything that is
 * not exactly one JSON value is 400; a body that does not arrive whole is 408 or 400 ({@link #unreadable}).
 */
final class JsonBody {
    private static final LogLimiter STALLS = new LogLimiter(System.getLogger(JsonBody.class.getName()),
            Duration.ofMinutes(1));
    /** Nothing more is read from a connection whose body failed: the answer ends it. */
    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    private JsonBody() {
    }

    /** The body as a JSON object. */
    static JsonObject readObject(HttpServletRequest request, int limit) throws ApiException, IOException {
        return asBody(read(request, limit));
    }

    /** A body already read (within the limit) as a JSON object. */
    static JsonObject parseObject(byte[] bytes) throws ApiException {
        return asBody(parse(bytes));
    }

    private static JsonObject asBody(JsonValue value) throws ApiException {
        return JsonFields.object(value, "request body");
    }

    static JsonValue read(HttpServletRequest request, int limit) throws ApiException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // With a Content-Length (the container holds the body to it), read into an array of exactly that
            // size: readNBytes(limit + 1) would allocate 8 KiB chunks for every small push.
            bytes = declared >= 0 ? exactly(in, (int) declared) : in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (declared >= 0 && bytes.length < declared) {
            throw unreadable(new EOFException(bytes.length + " of " + declared + " bytes"));
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return parse(bytes);
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        return read == length ? bytes : java.util.Arrays.copyOf(bytes, read);
    }

    /** Exactly one JSON value in UTF-8, the only encoding JSON over HTTP may use (RFC 8259). */
    static JsonValue parse(byte[] bytes) throws ApiException {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("request body is not valid UTF-8");
        }
    }

    private static final int MAX_DEPTH = JsonInput.BACKEND_MAX_DEPTH;
    private static final JsonInput INPUT = new JsonInput(MAX_DEPTH);

    /** Exactly one JSON value: nothing but white space may follow it. */
    static JsonValue parse(String text) throws ApiException {
        try {
            return INPUT.parse(text);
        } catch (JsonInput.Invalid e) {
            throw ApiException.badRequest(switch (e.kind()) {
                case EMPTY -> "request body is empty: send a JSON object";
                case TRAILING -> "request body holds more than one JSON value";
                case ENDS_EARLY -> "request body is not valid JSON: it ends too early";
                case SYNTAX -> "request body is not valid JSON"
                        + (e.line() < 0 ? "" : " (line " + e.line() + ", column " + e.column() + ")");
                case TOO_DEEP_OR_DUPLICATE_KEY -> "request body is not valid JSON, nests deeper than " + MAX_DEPTH
                        + " levels or repeats a key";
                case LONE_SURROGATE -> "request body holds a string with half a surrogate pair (an escape such as"
                        + " \\ud83d without its other half), which UTF-8 cannot carry";
            });
        }
    }

    /**
     * The answer to a body that did not arrive whole, never the container's exception page: 408 when it stalled
     * (for the container's read timeout; TIDINGS_REQUEST_TIMEOUT on the embedded server), logged at most once a
     * minute, since it held a connection that long; 400 when the client ended its side first, which is no fault
     * of the server's and not logged (anyone can do it). Either answer ends the connection.
     */
    static ApiException unreadable(Throwable failure) {
        if (timedOut(failure)) {
            STALLS.log(System.Logger.Level.WARNING, () -> "an API request body stalled before its end (answered"
                    + " 408): a client sent its headers, then not the body they announced");
            return new ApiException(408, "request body did not arrive in time", CLOSE);
        }
        return new ApiException(400, "request body ended before its Content-Length", CLOSE);
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
                return true; // Jetty's idle timeout; SocketTimeoutException (Tomcat) is an InterruptedIOException
            }
        }
        return false;
    }

    private static ApiException tooLarge(int limit) {
        return new ApiException(413, "request body larger than " + limit + " bytes (TIDINGS_API_MAX_BODY)");
    }
}
