package io.tidings.hub;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Who sits in which chat room on every node of a cluster: the seats behind a login's client_list, a private say's
 * addressee, and the open-room rule that a uid leaves a room's group with its last seat there. A single node needs
 * none: its {@link Rooms} are all there is. Asynchronous, because each answer is a round trip to Redis.
 */
public interface RoomDirectory {
    /** A seat as every node sees it. */
    record Sitter(String clientId, String uid, String name) {
    }

    /** A seat that left without its node (the node died): its room hears a logout for it. */
    record Lost(String room, Sitter seat) {
    }

    /**
     * Records a seat of this node (seated here already, {@link Rooms#addArriving}); completes with everyone seated
     * in the room on live nodes, in the order they sat, the new seat last.
     */
    CompletableFuture<List<Sitter>> sat(Rooms.Seat seat);

    /** The seat left its room; completes with whether its uid has no other seat in that room on any node. */
    CompletableFuture<Boolean> left(Rooms.Seat seat);

    /** The seat with this client id in the room, on a live node; null when there is none. */
    CompletableFuture<Sitter> find(String room, String clientId);

    /** Whether the uid has a seat in the room on any node. */
    CompletableFuture<Boolean> seated(String room, String uid);

    /** Told, on the one node that unseats them, of the seats a dead node held. */
    void onLost(Consumer<List<Lost>> listener);
}
