package io.tidings.hub;

import io.tidings.close.CloseReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is online: this node's {@link Hub} on a single node, every node's sessions in a cluster. The API's
 * /api/online, /api/sessions and /api/kick answer from here, and so may any part of Tidings that must know
 * whether a uid has a session anywhere (a mobile push deciding whether the user already saw a message).
 */
public interface Presence {
    /** One live session: its id, the node holding it (null on a single node), when it opened, its peer. */
    record Present(String id, String node, Instant openedAt, String remoteAddress) {
    }

    /**
     * A session just registered in this node's hub. Completes once the session policy has been applied everywhere
     * (newest wins, the per-uid cap) and the session can receive what is sent to its uid and groups; fails when
     * that cannot be recorded (the session is then closed 1013).
     */
    CompletableFuture<Void> opened(LiveSession session);

    /** The uid's live sessions, in the order they opened. */
    CompletableFuture<List<Present>> sessions(String uid);

    /** Closes every session of the uid with 4006 "kicked"; completes with how many there were. */
    CompletableFuture<Integer> kick(String uid);

    /** Whether the uid has a live session anywhere. */
    default CompletableFuture<Boolean> online(String uid) {
        return sessions(uid).thenApply(sessions -> !sessions.isEmpty());
    }

    /** A single node's presence: its hub. */
    static Presence of(Hub hub) {
        return new Presence() {
            @Override
            public CompletableFuture<Void> opened(LiveSession session) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<List<Present>> sessions(String uid) {
                List<Present> sessions = new ArrayList<>();
                for (LiveSession session : hub.sessions(uid)) {
                    sessions.add(new Present(session.id(), null, session.openedAt(), session.remoteAddress()));
                }
                return CompletableFuture.completedFuture(sessions);
            }

            @Override
            public CompletableFuture<Integer> kick(String uid) {
                return CompletableFuture.completedFuture(hub.kick(uid, CloseReason.KICKED));
            }
        };
    }
}
