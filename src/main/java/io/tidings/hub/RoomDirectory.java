package io.tidings.hub;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Who sits in which chat room on every node of a cluster: the seats behind a login's client_list, a private say's
 * addressee, and the open-room rule that a uid leaves a room's group with its last seat there. A single node's is
 * its {@link Rooms} ({@link #of}). Asynchronous, because in a cluster each answer is a round trip to Redis.
 */
public interface RoomDirectory {
    /** A seat as every node sees it. */
    record Sitter(String clientId, String uid, String name) {
    }

    /** A seat that left without its node (the node died): its room hears a logout for it. */
    record Lost(String room, Sitter seat) {
    }

    /**
     * A seat of this node that a survivor had unseated, taking the node for dead (a stall longer than the TTL), and
     * that this node wrote back on learning so: its room, which heard it log out, hears it log in again.
     */
    record Back(String room, Sitter seat) {
    }

    /**
     * Records a seat of this node (seated here already, {@link Rooms#addArriving}; called under the room's lock);
     * completes with everyone seated in the room on live nodes, in the order they sat, the new seat last.
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

    /** Told, on this node, of its seats written back after a survivor had swept them (none on a single node). */
    default void onBack(Consumer<List<Back>> listener) {
    }

    /**
     * A single node's seats: its {@link Rooms}. A newcomer's list is read under the room's lock, right after it sat
     * down, and holds those whose login the room has heard: a newcomer still arriving is heard later instead, so
     * each member is either in the list or heard after it, never both.
     */
    static RoomDirectory of(Rooms rooms) {
        return new RoomDirectory() {
            @Override
            public CompletableFuture<List<Sitter>> sat(Rooms.Seat seat) {
                List<Sitter> present = new java.util.ArrayList<>();
                for (Rooms.Seat other : rooms.seated(seat.room())) {
                    if (other != seat && !rooms.isArriving(other)) {
                        present.add(new Sitter(other.clientId(), other.uid(), other.name()));
                    }
                }
                present.add(new Sitter(seat.clientId(), seat.uid(), seat.name()));
                return CompletableFuture.completedFuture(present);
            }

            @Override
            public CompletableFuture<Boolean> left(Rooms.Seat seat) {
                return seated(seat.room(), seat.uid()).thenApply(seated -> !seated);
            }

            @Override
            public CompletableFuture<Sitter> find(String room, String clientId) {
                Rooms.Seat seat = rooms.seat(clientId);
                return CompletableFuture.completedFuture(seat == null || !seat.room().equals(room) ? null
                        : new Sitter(seat.clientId(), seat.uid(), seat.name()));
            }

            @Override
            public CompletableFuture<Boolean> seated(String room, String uid) {
                return CompletableFuture.completedFuture(rooms.seated(room).stream()
                        .anyMatch(seat -> seat.uid().equals(uid)));
            }

            @Override
            public void onLost(Consumer<List<Lost>> listener) {
                // a single node outlives its seats
            }
        };
    }
}
