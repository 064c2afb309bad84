package io.tidings.push;

import java.util.List;

/** Whom a message is for. Exactly one kind per push. */
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

    /** Every live session of each member of a group. */
    record Group(String name) implements Target {
    }

    /** Every live session on the server. */
    record All() implements Target {
    }
}
