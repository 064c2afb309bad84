package io.tidings.hub;

import io.tidings.close.CloseReason;
import io.tidings.config.SessionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The registry of live sessions by uid. Registration is atomic per uid, so under the "newest" policy many
 * concurrent logins of one uid leave exactly one registered session, and {@link #unregister} removes only the
 * very connection given: a replaced session's late close can never unregister its successor.
 */
public final class Hub {
    private static final LiveSession[] NONE = new LiveSession[0];

    private final ConcurrentHashMap<String, LiveSession[]> byUid = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final SessionPolicy policy;
    private final int maxPerUid;
    private final HubListener listener;

    /** @param maxPerUid sessions one uid may hold under "all"; a new one beyond it replaces the oldest */
    public Hub(SessionPolicy policy, int maxPerUid, HubListener listener) {
        this.policy = policy;
        this.maxPerUid = policy == SessionPolicy.NEWEST ? 1 : maxPerUid;
        this.listener = listener;
    }

    /**
     * Adds an authenticated connection. Under "newest" the uid's previous session is closed 4002; under "all"
     * only the oldest ones beyond the per-uid cap are.
     */
    public void register(LiveSession connection) {
        List<LiveSession> displaced = new ArrayList<>(0);
        byUid.compute(connection.uid(), (uid, current) -> {
            LiveSession[] existing = current == null ? NONE : current;
            int keep = Math.min(existing.length, maxPerUid - 1);
            displaced.addAll(Arrays.asList(existing).subList(0, existing.length - keep));
            live.addAndGet(1 - (existing.length - keep));
            LiveSession[] next = Arrays.copyOfRange(existing, existing.length - keep, existing.length + 1);
            next[keep] = connection;
            return next;
        });
        listener.registered(connection);
        for (LiveSession old : displaced) {
            old.close(CloseReason.UID_EXISTS);
        }
    }

    /** Removes exactly this connection, if it is still registered. Returns whether it was. */
    public boolean unregister(LiveSession connection) {
        boolean[] removed = {false};
        byUid.computeIfPresent(connection.uid(), (uid, current) -> {
            int index = Arrays.asList(current).indexOf(connection);
            if (index < 0) {
                return current;
            }
            removed[0] = true;
            live.decrementAndGet();
            if (current.length == 1) {
                return null;
            }
            LiveSession[] shrunk = new LiveSession[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, index);
            System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
            return shrunk;
        });
        if (removed[0]) {
            listener.unregistered(connection);
        }
        return removed[0];
    }

    /**
     * Closes every session of the uid with the reason, each unregistered first, so that presence and deliveries stop
     * counting it before its close handshake ends; returns how many there were.
     */
    public int kick(String uid, CloseReason reason) {
        int kicked = 0;
        for (LiveSession connection : sessions(uid)) {
            if (unregister(connection)) {
                connection.close(reason);
                kicked++;
            }
        }
        return kicked;
    }

    /** Closes the uid's session with this id, if it is here (a cluster's other node replaced or kicked it). */
    public boolean close(String uid, String sessionId, CloseReason reason) {
        for (LiveSession connection : sessions(uid)) {
            if (connection.id().equals(sessionId) && unregister(connection)) {
                connection.close(reason);
                return true;
            }
        }
        return false;
    }

    /** The uid's live sessions (a snapshot; empty when offline). */
    public List<LiveSession> sessions(String uid) {
        LiveSession[] current = byUid.get(uid);
        return current == null ? List.of() : List.of(current);
    }

    /** Sends one frame to every live session of a uid; returns how many accepted it. */
    public int sendToUid(String uid, OutboundText frame) {
        LiveSession[] current = byUid.get(uid);
        if (current == null) {
            return 0;
        }
        int written = 0;
        for (LiveSession connection : current) {
            if (connection.send(frame)) {
                written++;
            }
        }
        return written;
    }

    /** Visits every live session (weakly consistent with concurrent changes). */
    public void forEach(Consumer<LiveSession> action) {
        for (LiveSession[] sessions : byUid.values()) {
            for (LiveSession connection : sessions) {
                action.accept(connection);
            }
        }
    }

    /** Live sessions in total. */
    public int size() {
        return live.get();
    }

    /** Number of distinct uids online. */
    public int uidCount() {
        return byUid.size();
    }

    /** Closes every session, e.g. with 1001 on shutdown. */
    public void closeAll(CloseReason reason) {
        forEach(connection -> connection.close(reason));
    }
}
