package io.tidings.chat;

/**
 * Every refusal the chat protocol answers with {"type":"error","code":C,"msg":M} and the session stays open (a
 * malformed frame, an unknown type, and the limits every session has close it instead, with the codes of
 * close.CloseReason). Nothing refused is delivered to anyone. This table is the contract in
 * src/site/markdown/chat.md.
 */
enum ChatError {
    /** A client_name that breaks {@link ChatText#NAME_RULE}. */
    NAME_INVALID(101, ChatText.NAME_RULE),
    /** say before a login to a room; pm or groupPm before any login. */
    LOGIN_FIRST(102, "log in first"),
    /** TIDINGS_CHAT=members and the uid is not a member of the room's group; or groupPm to a group it is not in. */
    NOT_A_MEMBER(103, "not a member"),
    /** say to a client id that is not in the sender's room (or no longer is). */
    NOT_IN_ROOM(104, "no such client in this room"),
    /** A frame naming a room_id other than the sender's room. */
    OTHER_ROOM(105, "this frame names another room"),
    /** pm to a uid without a chat session. */
    OFFLINE(106, "that user is not online"),
    /** A group limit (TIDINGS_MAX_GROUPS, _GROUP_MEMBERS, _MEMBERSHIPS) keeps the login out of the room. */
    ROOM_FULL(107, "the room is full"),
    /** Empty or blank content. */
    EMPTY(108, "content is empty"),
    /** A login while the previous login of this session is still being answered. */
    BUSY(109, "a login is in progress"),
    /** The inbox could not store the message (nothing was delivered) or read the room's history. */
    UNAVAILABLE(110, "inbox unavailable"),
    /**
     * groupPm to a group of more than {@link ChatEvents#MAX_GROUP_PM_MEMBERS} members: one frame must not fan out
     * without bound (in a cluster each member costs a Redis script); the backend API pushes to larger groups.
     */
    GROUP_TOO_LARGE(111, "group too large for groupPm");

    private final int code;
    private final String text;

    ChatError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    int code() {
        return code;
    }

    /** The frame, with the table's text. */
    ChatFrames.Error frame() {
        return new ChatFrames.Error("error", code, text);
    }

    /** The frame, with a more specific text (which limit, which room). */
    ChatFrames.Error frame(String detail) {
        return new ChatFrames.Error("error", code, text + ": " + detail);
    }

    /** The frame, saying why in words of its own (the inbox's public reason, which names itself). */
    ChatFrames.Error because(String reason) {
        return new ChatFrames.Error("error", code, reason);
    }
}
