package io.tidings.api;

import io.tidings.inbox.StreamKey;
import io.tidings.push.Target;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validated push: {"uid":U | "uids":[...] | "group":G | "all":true, "event":E, "data":{...}}. Exactly one
 * target; E any name of 1 to {@value #MAX_EVENT_CHARACTERS} characters without control characters ("新回复"
 * as well as "order.paid": the frame is UTF-8 anyway); data an optional JSON object (default {}), passed on
 * untouched; "store":false for a signal that is delivered live only, never kept in the inbox.
 */
public record PushRequest(Target target, String event, JsonObject data, String idempotencyKey, boolean store) {
    /** Per push; a larger audience is a group or several pushes. */
    static final int MAX_UIDS = 10_000;
    /** Characters (Unicode code points, so 新回复 is 3) in a pushed event name; the seeds' names are far shorter. */
    static final int MAX_EVENT_CHARACTERS = 64;
    static final String EVENT_RULE = "a string of 1 to " + MAX_EVENT_CHARACTERS
            + " characters, none of them a control character";
    private static final List<String> TARGETS = List.of("uid", "uids", "group", "all");
    private static final Set<String> FIELDS = Set.of("uid", "uids", "group", "all", "event", "data",
            "idempotencyKey", "store");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    static PushRequest parse(JsonValue value) throws ApiException {
        JsonObject push = JsonFields.object(value, "a push");
        JsonFields.allowOnly(push, FIELDS);
        return new PushRequest(target(push), event(push), data(push), idempotencyKey(push), store(push));
    }

    /** The frame every targeted session receives; a group's or everyone's names its stream in "group". */
    PushFrame frame(String id, long ts) {
        String stream = target instanceof Target.Group group ? group.name()
                : target instanceof Target.All ? StreamKey.ALL_NAME : null;
        return new PushFrame(event, data, stream, id, ts);
    }

    private static boolean store(JsonObject push) throws ApiException {
        JsonValue store = push.get("store");
        if (store == null || store == JsonValue.TRUE) {
            return true;
        }
        if (store != JsonValue.FALSE) {
            throw ApiException.badRequest("store must be true or false");
        }
        return false;
    }

    private static Target target(JsonObject push) throws ApiException {
        List<String> given = TARGETS.stream().filter(push::containsKey).toList();
        if (given.size() != 1) {
            throw ApiException.badRequest("exactly one target is required: uid, uids, group or all"
                    + (given.isEmpty() ? "" : "; got " + String.join(" and ", given)));
        }
        return switch (given.get(0)) {
            case "uid" -> new Target.Uid(JsonFields.uid(push, "uid"));
            case "uids" -> new Target.Uids(uids(JsonFields.array(push, "uids", 1, MAX_UIDS)));
            case "group" -> new Target.Group(group(push.get("group")));
            default -> all(push.get("all"));
        };
    }

    private static List<String> uids(JsonArray array) throws ApiException {
        List<String> uids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            uids.add(JsonFields.uid(array.get(i), "uids[" + i + "]"));
        }
        return uids;
    }

    private static String group(JsonValue value) throws ApiException {
        if (!(value instanceof JsonString name)) {
            throw ApiException.badRequest("group must be a string");
        }
        return JsonFields.groupName(name.getString());
    }

    private static Target all(JsonValue value) throws ApiException {
        if (value != JsonValue.TRUE) {
            throw ApiException.badRequest("all must be true (or left out)");
        }
        return new Target.All();
    }

    private static String event(JsonObject push) throws ApiException {
        if (!(push.get("event") instanceof JsonString name) || !isEventName(name.getString())) {
            throw ApiException.badRequest("event is required: " + EVENT_RULE);
        }
        return name.getString();
    }

    /**
     * The one rule for a pushed event's name. Lone surrogates never get this far ({@link io.tidings.json.JsonInput}
     * refuses them); control characters (C0, DEL, C1) would let a name break a log line or a terminal.
     */
    static boolean isEventName(String name) {
        int characters = name.codePointCount(0, name.length());
        return characters >= 1 && characters <= MAX_EVENT_CHARACTERS
                && name.codePoints().noneMatch(Character::isISOControl);
    }

    /** Optional: the sender's own id for this push, so a retry of it is not delivered twice. */
    private static String idempotencyKey(JsonObject push) throws ApiException {
        JsonValue key = push.get("idempotencyKey");
        if (key == null) {
            return null;
        }
        if (!(key instanceof JsonString text) || !KEY.matcher(text.getString()).matches()) {
            throw ApiException.badRequest("idempotencyKey must be 1 to 128 printable ASCII characters");
        }
        return text.getString();
    }

    private static JsonObject data(JsonObject push) throws ApiException {
        JsonValue data = push.get("data");
        if (data == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return JsonFields.object(data, "data");
    }
}
