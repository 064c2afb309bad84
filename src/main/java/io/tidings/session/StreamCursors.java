package io.tidings.session;

import io.tidings.hub.OutboundText;
import io.tidings.inbox.StreamKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where one session stands in each stream it receives stored frames of: the highest seq sent, and, while it
 * catches up, the frames held back meanwhile. The uid's own stream, which every session has, lives in fields;
 * group streams get an entry only once the client resumed one. Guarded by the owning connection's lock.
 */
final class StreamCursors {
    /** What to do with a stored frame. */
    enum Verdict { SEND, HOLD, DROP }

    private static final class Cursor {
        long sent;
        ArrayDeque<OutboundText> held;
    }

    private final Cursor own = new Cursor();
    private Map<String, Cursor> groups;
    private long heldWeight;

    /** Decides about a stored frame and, when it is sent, moves the cursor. */
    Verdict admit(OutboundText frame) {
        Cursor cursor = find(frame.stream());
        if (cursor == null) {
            return Verdict.SEND; // a group stream this session never resumed: live only
        }
        if (cursor.held != null) {
            cursor.held.add(frame);
            heldWeight += frame.weight();
            return Verdict.HOLD;
        }
        if (frame.seq() <= cursor.sent) {
            return Verdict.DROP;
        }
        cursor.sent = frame.seq();
        return Verdict.SEND;
    }

    /** Starts holding the stream's frames; false when it is held already. */
    boolean hold(String stream) {
        Cursor cursor = find(stream);
        if (cursor == null) {
            if (groups == null) {
                groups = new HashMap<>(4);
            }
            cursor = new Cursor();
            groups.put(stream, cursor);
        }
        if (cursor.held != null) {
            return false;
        }
        cursor.held = new ArrayDeque<>(4);
        return true;
    }

    /** Ends the hold at upTo; returns the held frames above it, in order, and moves the cursor past them. */
    ArrayDeque<OutboundText> release(String stream, long upTo) {
        Cursor cursor = find(stream);
        ArrayDeque<OutboundText> due = new ArrayDeque<>();
        if (cursor == null || cursor.held == null) {
            return due;
        }
        cursor.sent = Math.max(cursor.sent, upTo);
        for (OutboundText frame : cursor.held) {
            heldWeight -= frame.weight();
            if (frame.seq() > cursor.sent) {
                cursor.sent = frame.seq();
                due.add(frame);
            }
        }
        cursor.held = null;
        return due;
    }

    /** What the held frames weigh, counted against the session's outbound queue. */
    long heldWeight() {
        return heldWeight;
    }

    private Cursor find(String stream) {
        if (StreamKey.isUid(stream)) {
            return own; // a session receives no other uid's stream
        }
        return groups == null ? null : groups.get(stream);
    }
}
