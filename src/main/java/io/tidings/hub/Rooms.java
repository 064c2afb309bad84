package io.tidings.hub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The chat sessions on this node: by uid in a {@link Hub} of their own (a chat tab never displaces an event
 * session of the same uid), and, once logged in, as {@link Seat}s by session, by client id and by room. Delivery
 * reads it ({@code push.LocalBroker}); the chat protocol seats and unseats, holding the room's lock
 * ({@link #inRoom}) so that "who is here", "tell them" and "sit down" happen as one step.
 */
public final class Rooms {
    /**
     * A logged-in chat session: its client id (what other clients address it by), uid, display name, and room
     * (a group name; null for a login to no room, which only sends and receives private messages).
     */
    public record Seat(String clientId, String uid, String name, String room, LiveSession session) {
    }

    private static final Seat[] EMPTY = new Seat[0];
    private static final int STRIPES = 64;

    private final Hub sessions;
    private final ConcurrentHashMap<LiveSession, Seat> bySession = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Seat> byClient = new ConcurrentHashMap<>();
    // Copy on write, replaced under the room's lock: delivery iterates without locking.
    private final ConcurrentHashMap<String, Seat[]> byRoom = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];
    /** Newcomers seated before their login answer went out (a cluster's login): what reaches them waits. */
    private final ConcurrentHashMap<String, Arrival> arriving = new ConcurrentHashMap<>();

    /**
     * What reached a newcomer before its login answer; sent after it. It waits outside the session's queue, so the
     * session's outbound limit judges its weight ({@link LiveSession#admits}): past it the session is closed 4008
     * and nothing more is kept for it.
     */
    private static final class Arrival {
        private enum Verdict { SEND, HELD, DROPPED }

        private final LiveSession session;
        private List<OutboundText> waiting = new ArrayList<>();
        private long weight;
        private boolean open;

        Arrival(LiveSession session) {
            this.session = session;
        }

        synchronized Verdict hold(OutboundText frame) {
            if (open) {
                return Verdict.SEND;
            }
            if (waiting == null) {
                return Verdict.DROPPED; // overflowed: the session is closing
            }
            weight += frame.weight();
            if (!session.admits(weight)) {
                waiting = null;
                return Verdict.DROPPED;
            }
            waiting.add(frame);
            return Verdict.HELD;
        }

        synchronized void open(Runnable answer) {
            answer.run();
            if (waiting != null) {
                waiting.forEach(session::send);
                waiting = null;
            }
            open = true;
        }
    }

    /** @param sessions the chat sessions by uid: where chat sessions register when they open */
    public Rooms(Hub sessions) {
        this.sessions = sessions;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The chat sessions by uid. */
    public Hub sessions() {
        return sessions;
    }

    /** The seat the session logged in with, or null. */
    public Seat seatOf(LiveSession session) {
        return bySession.get(session);
    }

    /** Records the session's login (not yet seated in its room: {@link #add} does that). */
    public void claim(Seat seat) {
        bySession.put(seat.session(), seat);
    }

    /** Forgets the session's login; returns the seat it had, or null. Its place in a room stays until removed. */
    public Seat forget(LiveSession session) {
        return bySession.remove(session);
    }

    /** Runs the action holding the room's lock: seating and unseating in one room happen one at a time. */
    public <T> T inRoom(String room, Supplier<T> action) {
        synchronized (locks[Math.floorMod(room.hashCode(), STRIPES)]) {
            return action.get();
        }
    }

    /** Seats the seat in its room (under the room's lock). */
    public void add(Seat seat) {
        byRoom.merge(seat.room(), new Seat[] {seat}, (present, one) -> {
            Seat[] grown = Arrays.copyOf(present, present.length + 1);
            grown[present.length] = seat;
            return grown;
        });
        byClient.put(seat.clientId(), seat);
    }

    /**
     * Seats the seat before its login is answered (under the room's lock): it receives what is sent to the room
     * from now on, held back until {@link #answered} (a cluster's login, whose client_list is read from Redis after
     * the seat can hear the room, so that it never misses a newcomer that its list does not show).
     */
    public void addArriving(Seat seat) {
        arriving.put(seat.clientId(), new Arrival(seat.session()));
        add(seat);
    }

    /** Runs the answer (the login answer and the history), then sends what was held for the seat, in order. */
    public void answered(Seat seat, Runnable answer) {
        Arrival arrival = arriving.get(seat.clientId());
        if (arrival == null) {
            answer.run();
            return;
        }
        arrival.open(answer);
        arriving.remove(seat.clientId(), arrival);
    }

    /** Whether the seat is seated and still waits for its login answer ({@link #addArriving}). */
    public boolean isArriving(Seat seat) {
        return arriving.containsKey(seat.clientId()) && byClient.get(seat.clientId()) == seat;
    }

    /** Unseats the seat (under the room's lock); false when it was not seated. */
    public boolean remove(Seat seat) {
        boolean[] removed = {false};
        byRoom.computeIfPresent(seat.room(), (room, present) -> {
            List<Seat> kept = new ArrayList<>(Arrays.asList(present));
            removed[0] = kept.remove(seat);
            return kept.isEmpty() ? null : kept.toArray(EMPTY);
        });
        if (removed[0]) {
            byClient.remove(seat.clientId(), seat);
            arriving.remove(seat.clientId());
        }
        return removed[0];
    }

    /** Who is seated in the room, in the order they sat down (a snapshot). */
    public List<Seat> seated(String room) {
        return List.of(byRoom.getOrDefault(room, EMPTY));
    }

    /** The seated session with this client id, or null. */
    public Seat seat(String clientId) {
        return byClient.get(clientId);
    }

    /** Sends to every session seated in the room but the one with client id {@code except} (null: none). */
    public int sendToRoom(String room, String except, OutboundText frame) {
        int written = 0;
        for (Seat seat : byRoom.getOrDefault(room, EMPTY)) {
            if (!seat.clientId().equals(except) && send(seat, frame)) {
                written++;
            }
        }
        return written;
    }

    /** Sends to the seated session with this client id; 1 when it took the frame. */
    public int sendToClient(String clientId, OutboundText frame) {
        Seat seat = byClient.get(clientId);
        return seat != null && send(seat, frame) ? 1 : 0;
    }

    private boolean send(Seat seat, OutboundText frame) {
        if (!arriving.isEmpty()) {
            Arrival arrival = arriving.get(seat.clientId());
            Arrival.Verdict verdict = arrival == null ? Arrival.Verdict.SEND : arrival.hold(frame);
            if (verdict != Arrival.Verdict.SEND) {
                return verdict == Arrival.Verdict.HELD;
            }
        }
        return seat.session().send(frame);
    }

    /** Every seat on this node (a snapshot): what a cluster node writes back to Redis after losing touch. */
    public List<Seat> allSeats() {
        List<Seat> all = new ArrayList<>();
        for (Seat[] seats : byRoom.values()) {
            all.addAll(Arrays.asList(seats));
        }
        return all;
    }

    /** Sends to every chat session of the uid, seated or not. */
    public int sendToUid(String uid, OutboundText frame) {
        return sessions.sendToUid(uid, frame);
    }

    /** Rooms with someone seated. */
    public int roomCount() {
        return byRoom.size();
    }
}
