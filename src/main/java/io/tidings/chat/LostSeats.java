package io.tidings.chat;

import io.tidings.config.ChatSettings;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.RoomDirectory.Sitter;
import io.tidings.push.DeliveryService;
import io.tidings.push.Target;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Seats gone without their own leave: a dead node's, on the node that swept them, and a node's own that left while
 * Redis was unreachable, on that node once Redis is back. Each room hears a logout for each, and open rooms lose the
 * uids seated nowhere else. Every node of a cluster does this, chat on or off: any node may claim a sweep. And the
 * way back: a node that was only taken for dead announces its seats again ({@link #back}).
 */
public final class LostSeats implements Consumer<List<RoomDirectory.Lost>> {
    private final GroupDirectory directory;
    private final RoomDirectory seats;
    private final DeliveryService delivery;
    private final ChatSettings.Access access;
    private final Supplier<String> now;

    LostSeats(GroupDirectory directory, RoomDirectory seats, DeliveryService delivery, ChatSettings.Access access,
            Supplier<String> now) {
        this.directory = directory;
        this.seats = seats;
        this.delivery = delivery;
        this.access = access;
        this.now = now;
    }

    /** For a cluster node with chat off: it may still claim a dead node's sweep. */
    public static LostSeats of(GroupDirectory directory, RoomDirectory seats, DeliveryService delivery,
            ChatSettings settings) {
        return new LostSeats(directory, seats, delivery, settings.access(),
                () -> ChatText.time(System.currentTimeMillis(), settings.zone()));
    }

    @Override
    public void accept(List<RoomDirectory.Lost> lost) {
        String time = now.get();
        for (RoomDirectory.Lost one : lost) {
            Sitter seat = one.seat();
            ChatFrames.Logout logout = new ChatFrames.Logout("logout", seat.clientId(), seat.name(), time);
            delivery.deliver(new Target.Room(one.room(), null), (id, ts) -> logout);
            seats.seated(one.room(), seat.uid()).thenAccept(seated -> {
                if (!seated) {
                    dropMembership(one.room(), seat.uid());
                }
            });
        }
    }

    /**
     * Seats of this node written back after a survivor swept them (it was taken for dead): each room, which heard
     * their logouts, hears them log in again (not the seat itself, which never left), and open rooms take their
     * uids back as members.
     */
    void back(List<RoomDirectory.Back> back) {
        String time = now.get();
        for (RoomDirectory.Back one : back) {
            Sitter seat = one.seat();
            ChatFrames.Login login = new ChatFrames.Login("login", seat.clientId(), seat.name(), time, null);
            delivery.deliver(new Target.Room(one.room(), seat.clientId()), (id, ts) -> login);
            if (access == ChatSettings.Access.OPEN) {
                directory.join(one.room(), seat.uid());
            }
        }
    }

    /**
     * Open rooms: the uid stops being a member of the room's group. A seat of the uid that sat down on another node
     * meanwhile keeps it one: it is checked again after the leave, and the membership comes back.
     */
    void dropMembership(String room, String uid) {
        if (access != ChatSettings.Access.OPEN) {
            return;
        }
        directory.leave(room, uid).thenCompose(left -> seats.seated(room, uid)).thenAccept(seated -> {
            if (seated) {
                directory.join(room, uid);
            }
        });
    }
}
