package io.tidings.push;

import java.util.List;

/**
 * Whom a message is for. Exactly one kind per push. The first four reach event sessions (/ws); the chat kinds
 * reach chat sessions (/chat), which a uid holds apart from its event sessions ({@link io.tidings.hub.Rooms}).
 */
public sealed interface Target {
    /** Every live session of one uid. */
    record Uid(String uid) implements Target {
    }

    /** Every live session of each listed uid (duplicates are delivered once). */
    record Uids(List<String> uids) implements Target {
        public Uids {
            uids = List.copyOf(new java.util.LinkedHashSet<>(uids));
        }
    }

    /** Every live session of each member of a group, and every chat session logged into the room of that name. */
    record Group(String name) implements Target {
    }

    /** Every live session on the server. */
    record All() implements Target {
    }

    /**
     * Every chat session logged into the room (the group of that name) except the one with client id
     * {@code except} (null: none), as workerman's sendToGroup with an excluded client. Kept in the group's stream.
     */
    record Room(String group, String except) implements Target {
    }

    /** One chat session, by its client id, when it is seated in the room (the group of that name). */
    record ChatClient(String room, String clientId) implements Target {
    }

    /** Every chat session of one uid, whichever room each is in. */
    record ChatUid(String uid) implements Target {
    }

    /** Every chat session of each member of the group, whichever room each is in. */
    record ChatGroup(String group) implements Target {
    }
}
