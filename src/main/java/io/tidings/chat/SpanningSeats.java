package io.tidings.chat;

import io.tidings.config.ChatSettings;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.RoomDirectory.Sitter;
import io.tidings.hub.Rooms;
import io.tidings.hub.Rooms.Seat;
import io.tidings.inbox.StreamKey;
import io.tidings.push.DeliveryService;
import io.tidings.push.Failures;
import io.tidings.push.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Seating in rooms that may span the nodes of a cluster (a single node is a cluster of one: {@link
 * RoomDirectory#of}). In a cluster the room's seats, its membership and the history live in Redis, and each step
 * there is a round trip, so no lock is held across them. A newcomer therefore sits down here first (hearing the
 * room from then on, held back until its answer: {@link Rooms#addArriving}), then records its seat, which answers
 * with everyone seated, then reads the history, then the room hears its login and it gets its answer. Whoever sits
 * down meanwhile either is in that answer or is heard after it; every say stored after the history was read
 * reaches the newcomer, after its answer, and none it read comes again (the session holds the room's stream from
 * the start, and its history's end drops the rest).
 */
final class SpanningSeats {
    private final Seating seating;
    private final Rooms rooms;
    private final GroupDirectory directory;
    private final RoomDirectory seats;
    private final DeliveryService delivery;
    private final ChatSettings.Access access;
    private final LostSeats lost;

    SpanningSeats(Seating seating, Rooms rooms, GroupDirectory directory, RoomDirectory seats,
            DeliveryService delivery, ChatSettings.Access access) {
        this.seating = seating;
        this.rooms = rooms;
        this.directory = directory;
        this.seats = seats;
        this.delivery = delivery;
        this.access = access;
        this.lost = new LostSeats(directory, seats, delivery, access, seating::now);
        seats.onLost(lost);
        seats.onBack(lost::back);
    }

    /** Seats a claimed seat in its room; {@code stream} is the room's stream when it keeps history, else null. */
    void arrive(Seat seat, StreamKey stream, Long since, String epoch) {
        LiveSession session = seat.session();
        if (stream != null) {
            session.hold(stream.text());
        }
        admitted(seat).thenCompose(refused -> {
            if (refused != null) {
                refuse(seat, stream, seating.frame(refused));
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<List<Sitter>> sat = rooms.inRoom(seat.room(), () -> {
                if (rooms.seatOf(session) != seat) {
                    return null; // closed meanwhile
                }
                rooms.addArriving(seat);
                return seats.sat(seat);
            });
            if (sat == null) {
                dropMembershipIfLast(seat);
                return CompletableFuture.completedFuture(null);
            }
            return sat.thenCompose(present -> {
                rejoin(seat);
                return (stream == null ? CompletableFuture.<Seating.History>completedFuture(null)
                        : seating.history(stream, since, epoch)).handle((history, failure) -> {
                            sitDown(seat, stream, present, history, failure);
                            return null;
                        });
            });
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                // Redis could not record the seat: it is not seated anywhere, and an open room's join is undone
                // when it was the uid's only seat there.
                rooms.inRoom(seat.room(), () -> rooms.remove(seat));
                seats.left(seat).thenAccept(last -> {
                    if (last) {
                        dropMembership(seat.room(), seat.uid());
                    }
                });
                refuse(seat, stream, seating.frame(ChatError.UNAVAILABLE.because(Failures.publicReason(failure))));
            }
            seating.answered(session);
        });
    }

    /** Open rooms: the uid joins the room's group, within the limits. Members only: it must be one. */
    private CompletableFuture<ChatFrames.Error> admitted(Seat seat) {
        if (access == ChatSettings.Access.MEMBERS) {
            return directory.isMember(seat.room(), seat.uid()).thenApply(member -> member ? null
                    : ChatError.NOT_A_MEMBER.frame(seat.room()));
        }
        return directory.join(seat.room(), seat.uid()).thenApply(seating::refusal);
    }

    /**
     * Open rooms: the uid joins the room's group again once its seat is recorded. Its first join came before the
     * seat was, so the uid's last other seat there leaving in between (here or on another node) may have dropped the
     * membership after finding no seat left; any drop from now on finds this one. Joining again changes nothing
     * otherwise, and its answer is not waited for.
     */
    private void rejoin(Seat seat) {
        if (access == ChatSettings.Access.OPEN) {
            directory.join(seat.room(), seat.uid());
        }
    }

    private void refuse(Seat seat, StreamKey stream, OutboundText refusal) {
        LiveSession session = seat.session();
        if (rooms.seatOf(session) == seat) {
            rooms.claim(new Seat(seat.clientId(), seat.uid(), seat.name(), null, session));
        }
        Seating.send(session, stream, 0, new ArrayList<>(List.of(refusal)));
    }

    /** The room hears the login, and the newcomer gets its answer, ahead of what the room sent it meanwhile. */
    private void sitDown(Seat seat, StreamKey stream, List<Sitter> present, Seating.History history,
            Throwable failure) {
        boolean gone = rooms.inRoom(seat.room(), () -> {
            if (rooms.seat(seat.clientId()) != seat) {
                return true; // left meanwhile
            }
            ChatFrames.Login login = new ChatFrames.Login("login", seat.clientId(), seat.name(), seating.now(), null);
            Map<String, String> list = new LinkedHashMap<>();
            for (Sitter other : present) {
                if (!other.clientId().equals(seat.clientId())) {
                    list.put(other.clientId(), other.name());
                }
            }
            list.put(seat.clientId(), seat.name());
            delivery.deliver(new Target.Room(seat.room(), seat.clientId()), (id, ts) -> login);
            List<OutboundText> frames = new ArrayList<>();
            frames.add(seating.frame(login.withList(list)));
            if (history != null) {
                history.messages().forEach(message -> frames.add(
                        OutboundText.stored(message.frame(), stream.text(), message.seq())));
            } else if (failure != null) {
                frames.add(seating.frame(ChatError.UNAVAILABLE.because("no history: "
                        + Failures.publicReason(failure))));
            }
            rooms.answered(seat, () -> Seating.send(seat.session(), stream, history == null ? 0 : history.upTo(),
                    frames));
            return false;
        });
        if (gone) {
            // Its leaving unseated it in Redis, unless that overtook the seat being recorded: unseat it again.
            seats.left(seat).thenAccept(last -> {
                if (last) {
                    dropMembership(seat.room(), seat.uid());
                }
            });
        }
    }

    /**
     * Unseats the seat here and in Redis, tells the room (unless its login was never announced: it left while its
     * login was under way), and in open rooms ends the uid's last membership.
     */
    void leave(Seat seat, boolean dropMembership) {
        boolean[] announced = {false};
        boolean removed = rooms.inRoom(seat.room(), () -> {
            announced[0] = !rooms.isArriving(seat);
            return rooms.remove(seat);
        });
        if (!removed) {
            return;
        }
        String time = seating.now();
        // The logout goes out once the seat is out of Redis (or that failed): a newcomer on a node not yet on the
        // room's route either hears it or sits down after the unseat, never listing the seat without hearing it go.
        seats.left(seat).whenComplete((last, failure) -> {
            if (announced[0]) {
                ChatFrames.Logout logout = new ChatFrames.Logout("logout", seat.clientId(), seat.name(), time);
                delivery.deliver(new Target.Room(seat.room(), null), (id, ts) -> logout);
            }
            if (failure == null && last && dropMembership) {
                dropMembership(seat.room(), seat.uid());
            }
        });
    }

    private void dropMembershipIfLast(Seat seat) {
        seats.seated(seat.room(), seat.uid()).thenAccept(seated -> {
            if (!seated) {
                dropMembership(seat.room(), seat.uid());
            }
        });
    }

    private void dropMembership(String room, String uid) {
        lost.dropMembership(room, uid);
    }

    /** The name of the client id's seat in the room on any live node, or null. */
    CompletableFuture<String> addressee(String room, String clientId) {
        return seats.find(room, clientId).thenApply(found -> found == null ? null : found.name());
    }
}
