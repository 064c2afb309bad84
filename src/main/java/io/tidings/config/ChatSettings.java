package io.tidings.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The chat rooms (workerman-chat's protocol on /chat), part of {@link TidingsConfig}.
 *
 * @param access  TIDINGS_CHAT: who may enter a room, or off.
 * @param history TIDINGS_CHAT_HISTORY: the room's last messages a client receives when it logs in (0: none kept).
 * @param ping    TIDINGS_CHAT_PING: how often the server sends {"type":"ping"} (zero: never).
 * @param zone    TIDINGS_CHAT_TIMEZONE: the zone of the frames' "time" ("Y-m-d H:i:s", as PHP's date()).
 */
public record ChatSettings(Access access, int history, Duration ping, ZoneId zone) {
    /** The most messages TIDINGS_CHAT_HISTORY may ask for: what one login can be sent at once. */
    public static final int MAX_HISTORY = 100;

    /** TIDINGS_CHAT. */
    public enum Access {
        /** Any authenticated user may enter any room (and is its member while there), as in workerman-chat. */
        OPEN,
        /** Only members of a room's group may enter it: the backend joins them (seed 000's bind API). */
        MEMBERS,
        /** No /chat endpoint and no chat port. */
        OFF
    }

    public boolean enabled() {
        return access != Access.OFF;
    }
}
