package io.tidings.api;

import io.tidings.auth.UidFormat;
import io.tidings.hub.Groups;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Typed access to the fields of a request, each failure a 400 that names the field and what it must be. Unknown
 * fields are refused too, so a misspelt name ("date" for "data") is an error instead of silently ignored.
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonObject object(JsonValue value, String what) throws ApiException {
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest(what + " must be a JSON object");
        }
        return object;
    }

    static void allowOnly(JsonObject object, Set<String> names) throws ApiException {
        for (String name : object.keySet()) {
            if (!names.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\"; allowed: "
                        + String.join(", ", names.stream().sorted().toList()));
            }
        }
    }

    /** A required uid: a JSON string or whole number (the one rule of {@link UidFormat#fromJson}). */
    static String uid(JsonObject object, String field) throws ApiException {
        JsonValue value = object.get(field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return uid(value, field);
    }

    static String uid(JsonValue value, String what) throws ApiException {
        String uid = UidFormat.fromJson(value);
        if (uid == null) {
            throw ApiException.badRequest(what + " must be a string or whole number of " + UidFormat.RULE);
        }
        return uid;
    }

    /** A uid from a query parameter, e.g. GET /api/online?uid=U. */
    static String uidParameter(String value) throws ApiException {
        if (value == null) {
            throw ApiException.badRequest("query parameter uid is required");
        }
        if (!UidFormat.isValid(value)) {
            throw ApiException.badRequest("uid must be " + UidFormat.RULE);
        }
        return value;
    }

    static String groupName(String name) throws ApiException {
        if (!Groups.isValidName(name)) {
            throw ApiException.badRequest("group name must be " + Groups.NAME_RULE);
        }
        return name;
    }

    /** A required array of min to max elements. */
    static JsonArray array(JsonObject object, String field, int min, int max) throws ApiException {
        if (!(object.get(field) instanceof JsonArray array) || array.size() < min || array.size() > max) {
            throw ApiException.badRequest(field + " must be an array of " + min + " to " + max + " elements");
        }
        return array;
    }
}
