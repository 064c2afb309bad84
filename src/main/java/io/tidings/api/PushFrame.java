package io.tidings.api;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a session receives from a backend push: {"event":E,"data":{...},"id":...,"ts":epoch-ms}. */
@JsonbPropertyOrder({"event", "data", "id", "ts"})
public record PushFrame(String event, JsonObject data, String id, long ts) {
}
