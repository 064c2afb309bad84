package io.tidings.mobile.fcm;

import io.tidings.mobile.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * FCM's answers (firebase.google.com, "FCM error codes": the FcmError detail's errorCode, else the status) as
 * outcomes, and its Retry-After, in seconds or as an HTTP date.
 */
final class FcmAnswers {
    private FcmAnswers() {
    }

    static Outcome of(HttpResponse<String> response, long sentAt, long now) {
        int status = response.statusCode();
        if (status == 200) {
            return Outcome.accepted();
        }
        JsonObject error = error(response.body());
        String code = errorCode(error);
        long retryAfter = retryAfter(response.headers().firstValue("Retry-After"), now);
        switch (code) {
            case "UNREGISTERED", "SENDER_ID_MISMATCH" -> {
                return Outcome.gone(code, sentAt);
            }
            case "INVALID_ARGUMENT" -> {
                return aboutTheToken(error) ? Outcome.gone("INVALID_ARGUMENT (token)", sentAt)
                        : Outcome.rejected(code);
            }
            case "QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL" -> {
                return Outcome.retry(code, retryAfter);
            }
            case "THIRD_PARTY_AUTH_ERROR" -> {
                return Outcome.auth(code);
            }
            default -> {
                // by status below
            }
        }
        if (status == 401 || status == 403) {
            return Outcome.auth(code);
        }
        if (status == 429 || status >= 500) {
            return Outcome.retry(code, retryAfter);
        }
        return Outcome.rejected(code);
    }

    /** {"error":{...}}, or an empty object when the body is not that. */
    private static JsonObject error(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue error = reader.readObject().get("error");
            return error instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** The FcmError detail's errorCode, else the error's status, else "status N". */
    private static String errorCode(JsonObject error) {
        for (JsonObject detail : details(error)) {
            if (detail.getString("@type", "").endsWith("google.firebase.fcm.v1.FcmError")) {
                return detail.getString("errorCode", "UNSPECIFIED_ERROR");
            }
        }
        return error.getString("status", "HTTP " + error.getInt("code", 0));
    }

    /** Whether a bad request names the token (a BadRequest detail's field violation on message.token). */
    private static boolean aboutTheToken(JsonObject error) {
        for (JsonObject detail : details(error)) {
            if (detail.get("fieldViolations") instanceof JsonArray violations) {
                for (JsonValue violation : violations) {
                    if (violation instanceof JsonObject field && "message.token".equals(field.getString("field", ""))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static java.util.List<JsonObject> details(JsonObject error) {
        if (!(error.get("details") instanceof JsonArray details)) {
            return java.util.List.of();
        }
        return details.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** Retry-After in ms from now: "120" or "Wed, 21 Oct 2015 07:28:00 GMT"; 0 when absent or unreadable. */
    static long retryAfter(Optional<String> header, long now) {
        if (header.isEmpty()) {
            return 0;
        }
        String value = header.get().trim();
        if (value.matches("\\d{1,9}")) {
            return Long.parseLong(value) * 1000;
        }
        try {
            return Math.max(0, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .toEpochMilli() - now);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    static Outcome failed(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof AccessTokens.Refused refused) {
            return Outcome.auth("token endpoint: " + refused.getMessage());
        }
        return Outcome.retry(cause.getClass().getSimpleName(), 0);
    }
}
