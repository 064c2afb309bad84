package io.tidings.close;

/**
 * Every reason Tidings closes a WebSocket, with its wire code and text. This table is the contract in
 * README.md: {@link #reconnect()} tells a client whether reconnecting can help or whether the close is final
 * (reconnecting would only repeat the same rejection).
 */
public enum CloseReason {
    /** Server shutting down or redeploying; come back shortly. */
    GOING_AWAY(1001, "server shutting down", true),
    /**
     * A frame that breaks RFC 6455 itself (unmasked, reserved bits or opcode, a fragmented or oversized control
     * frame, data frames out of sequence, a bad close frame): sent by the embedded server's direct transport;
     * a WAR's container sends its own 1002, with its own reason text.
     */
    PROTOCOL_ERROR(1002, "protocol error", false),
    /**
     * A text message that is not valid UTF-8 (RFC 6455 section 8.1): sent by the direct transport; a WAR's
     * container sends its own 1007, with its own reason text.
     */
    INVALID_UTF8(1007, "invalid UTF-8", false),
    /** A frame larger than TIDINGS_MAX_FRAME; sending it again fails again. */
    TOO_BIG(1009, "frame too large", false),
    /** An unexpected server fault while handling the client's frame. */
    SERVER_ERROR(1011, "internal error", true),
    /**
     * A cluster's Redis lost the uid's stream (its epoch changed): reconnect and resume, which then says
     * {@code recovered:false} with reason {@code epoch}.
     */
    STORE_RESET(1012, "inbox reset", true),
    /** Server at a connection or handshake limit; back off and retry. */
    TRY_AGAIN_LATER(1013, "try again later", true),
    /** uid or token missing (or uid malformed). */
    ACCESS_FAILED(4001, "access failed", false),
    /** Token malformed, not signed with an accepted key, for another uid, not yet valid (nbf), or switched off. */
    TOKEN_INVALID(4001, "token invalid", false),
    /** JWT past its exp: fetch a new token, then connect. */
    TOKEN_EXPIRED(4001, "token expired", false),
    /** A newer session of the same uid took over (session policy "newest"). */
    UID_EXISTS(4002, "uid exists", false),
    /** Frame not a JSON object with a non-empty string "event", a binary frame, or a payload of the wrong shape. */
    DATA_INVALID(4003, "data format invalid", false),
    /** No handler for that event name. */
    EVENT_UNKNOWN(4004, "event not exists", false),
    /** Nothing received for TIDINGS_HEARTBEAT_IDLE seconds. */
    HEARTBEAT_TIMEOUT(4005, "heartbeat timeout", true),
    /** Closed by an operator through the API. */
    KICKED(4006, "kicked", false),
    /** The client did not read fast enough and its outbound queue overflowed. */
    SLOW_CONSUMER(4008, "slow consumer", true),
    /** The client sent events faster than its allowance. */
    RATE_LIMITED(4009, "rate limited", true);

    private final int code;
    private final String text;
    private final boolean reconnect;

    CloseReason(int code, String text, boolean reconnect) {
        this.code = code;
        this.text = text;
        this.reconnect = reconnect;
    }

    public int code() {
        return code;
    }

    /** The close frame's reason phrase, exactly as sent on the wire. */
    public String text() {
        return text;
    }

    /** True when a client may reconnect (with backoff); false when the close is final. */
    public boolean reconnect() {
        return reconnect;
    }

    /** A short, stable label for metrics and logs, e.g. "token_invalid". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
