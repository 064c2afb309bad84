package io.tidings.chat;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * The chat protocol's frames, named and ordered exactly as workerman-chat's Events.php writes them (seed 000),
 * plus seed 002's pm and groupPm. Field names are the wire's, snake_case included. Requests bind their fields
 * as JSON values: the handlers check each one's type and say why it is refused.
 */
public final class ChatFrames {
    private ChatFrames() {
    }

    /** {"type":"login","client_name":N,"room_id":R}; seed 002's login carries neither. since/epoch resume history. */
    public record LoginRequest(JsonValue client_name, JsonValue room_id, JsonValue since, JsonValue epoch) {
    }

    /** {"type":"say","to_client_id":"all"|ID,"to_client_name":...,"content":C}; room_id, when given, must be mine. */
    public record SayRequest(JsonValue to_client_id, JsonValue content, JsonValue room_id) {
    }

    /** {"type":"pm","to":UID,"content":C}; seed 002 names the uid "uid". */
    public record PmRequest(JsonValue to, JsonValue uid, JsonValue content) {
    }

    /** {"type":"groupPm","group":G,"content":C}; seed 002 sends {"type":"group","gid":G,...}. */
    public record GroupPmRequest(JsonValue group, JsonValue gid, JsonValue content) {
    }

    /**
     * A login: to the room without client_list (sent before the newcomer sits down, so it never gets its own),
     * and to the newcomer with client_list, everyone in the room by client id, itself last.
     */
    @JsonbPropertyOrder({"type", "client_id", "client_name", "time", "client_list"})
    public record Login(String type, String client_id, String client_name, String time, Map<String, String> client_list) {
        Login withList(Map<String, String> list) {
            return new Login(type, client_id, client_name, time, list);
        }
    }

    /** A message to the room (to_client_id "all") or to one client in it, who alone receives it (and the sender). */
    @JsonbPropertyOrder({"type", "from_client_id", "from_client_name", "to_client_id", "content", "time"})
    public record Say(String type, String from_client_id, String from_client_name, String to_client_id, String content,
            String time) {
    }

    /** Someone left the room: their session closed, was killed, or logged in to another room. */
    @JsonbPropertyOrder({"type", "from_client_id", "from_client_name", "time"})
    public record Logout(String type, String from_client_id, String from_client_name, String time) {
    }

    /** A private message to every chat session of the uid "to" (and back to the sending session). */
    @JsonbPropertyOrder({"type", "from", "from_client_id", "from_client_name", "to", "content", "time"})
    public record Pm(String type, String from, String from_client_id, String from_client_name, String to, String content,
            String time) {
    }

    /** A message to every chat session of every member of the group, the sender's included. */
    @JsonbPropertyOrder({"type", "group", "from", "from_client_id", "from_client_name", "content", "time"})
    public record GroupPm(String type, String group, String from, String from_client_id, String from_client_name,
            String content, String time) {
    }

    /** A refusal: {@link ChatError}. */
    @JsonbPropertyOrder({"type", "code", "msg"})
    public record Error(String type, int code, String msg) {
    }
}
