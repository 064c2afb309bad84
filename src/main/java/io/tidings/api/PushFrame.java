package io.tidings.api;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What a session receives from a backend push: {"event":E,"data":{...},"id":...,"ts":epoch-ms}, with "group" (the
 * group's name, "*" for a push to everyone) when it went to a group's stream; a stored push also carries its
 * "seq" and "epoch" in that stream, appended by the inbox.
 */
@JsonbPropertyOrder({"event", "data", "group", "id", "ts"})
public record PushFrame(String event, JsonObject data, String group, String id, long ts) {
}
