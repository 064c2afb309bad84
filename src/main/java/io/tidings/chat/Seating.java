package io.tidings.chat;

import io.tidings.config.ApiLimits;
import io.tidings.config.ChatSettings;
import io.tidings.event.EventContext;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
import io.tidings.hub.Rooms.Seat;
import io.tidings.inbox.Inbox;
import io.tidings.inbox.StoredMessage;
import io.tidings.inbox.StreamKey;
import io.tidings.push.DeliveryService;
import io.tidings.push.Failures;
import jakarta.json.bind.Jsonb;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs chat sessions in and out: who may enter (TIDINGS_CHAT), a session's one login at a time, the client id, the
 * newcomer's history, and the frames. Seating itself, the same on one node as on many, is {@link SpanningSeats}'s:
 * a single node is a cluster of one ({@link RoomDirectory#of}). A room "R" is the group "room@R": the backend API
 * sees it, limits included, and its stream keeps the history.
 */
final class Seating {
    /** Rooms live beside the backend's own groups, which a chat login can therefore never join. */
    static final String ROOM_PREFIX = "room@";
    /** The longest room_id: its group name must fit the 64 characters of a group. */
    static final int MAX_ROOM_ID = 64 - ROOM_PREFIX.length();

    private final Rooms rooms;
    private final GroupDirectory directory;
    private final SpanningSeats spanning;
    private final Inbox inbox;
    private final ChatSettings settings;
    private final ApiLimits limits;
    private final Jsonb jsonb;
    private final long maxHistoryChars;
    private final ClientIds ids = new ClientIds();
    private final Set<LiveSession> loggingIn = ConcurrentHashMap.newKeySet();

    /** What a newcomer is sent after its login: the room's stored messages up to a position. */
    record History(long upTo, List<StoredMessage> messages) {
    }

    /** A single node's seating: its rooms are all there is. */
    Seating(Rooms rooms, Groups groups, DeliveryService delivery, Inbox inbox, ChatSettings settings,
            ApiLimits limits, Jsonb jsonb, long maxHistoryChars) {
        this(rooms, GroupDirectory.of(groups), null, delivery, inbox, settings, limits, jsonb,
                maxHistoryChars);
    }

    /**
     * @param directory       group membership as every node sees it (a single node's: its groups)
     * @param seats           the seats of every node in a cluster; null on a single node
     * @param inbox           where room history is read; null when there is none (TIDINGS_INBOX=off)
     * @param maxHistoryChars the most a login's history may send: part of the session's outbound queue
     */
    Seating(Rooms rooms, GroupDirectory directory, RoomDirectory seats, DeliveryService delivery,
            Inbox inbox, ChatSettings settings, ApiLimits limits, Jsonb jsonb, long maxHistoryChars) {
        this.rooms = rooms;
        this.directory = directory;
        this.spanning = new SpanningSeats(this, rooms, directory, seats == null ? RoomDirectory.of(rooms) : seats,
                delivery, settings.access());
        this.inbox = inbox;
        this.settings = settings;
        this.limits = limits;
        this.jsonb = jsonb;
        this.maxHistoryChars = maxHistoryChars;
    }

    /** Whether a room's messages are kept (and a newcomer gets the last of them). */
    boolean keepsHistory() {
        return inbox != null && settings.history() > 0;
    }

    /** The session's seat when it sits in a room; null before its login has been answered, or in no room. */
    Seat seated(LiveSession session) {
        Seat seat = rooms.seatOf(session);
        return seat != null && seat.room() != null && rooms.seat(seat.clientId()) == seat ? seat : null;
    }

    /** The session's login, in a room or not, or null. */
    Seat loggedIn(LiveSession session) {
        return rooms.seatOf(session);
    }

    /**
     * Logs the session in to the room (null: to no room, for private messages only), leaving the room it was in.
     * With {@code since} (and its epoch) the newcomer gets the messages after it rather than the last ones.
     */
    void login(EventContext context, String name, String roomId, Long since, String epoch) {
        LiveSession session = context.session();
        if (!loggingIn.add(session)) {
            context.reply(ChatError.BUSY.frame());
            return;
        }
        String room = roomId == null ? null : ROOM_PREFIX + roomId;
        if (room == null || settings.access() != ChatSettings.Access.MEMBERS) {
            enter(context, name, room, since, epoch);
            return;
        }
        directory.isMember(room, context.uid()).whenComplete((member, failure) -> {
            if (failure != null || !member) {
                loggingIn.remove(session);
                context.reply(failure != null ? ChatError.UNAVAILABLE.because(Failures.publicReason(failure))
                        : ChatError.NOT_A_MEMBER.frame("room " + roomId));
            } else {
                enter(context, name, room, since, epoch);
            }
        });
    }

    private void enter(EventContext context, String name, String room, Long since, String epoch) {
        LiveSession session = context.session();
        Seat previous = rooms.seatOf(session);
        if (previous != null && previous.room() != null) {
            leave(previous, !previous.room().equals(room));
        }
        Seat seat = new Seat(previous == null ? ids.next() : previous.clientId(), context.uid(), ChatText.html(name),
                room, session);
        rooms.claim(seat);
        if (!loggingIn.contains(session)) {
            rooms.forget(session); // closed while its membership was checked
            return;
        }
        if (room == null) {
            loggingIn.remove(session);
            context.reply(new ChatFrames.Login("login", seat.clientId(), seat.name(), now(), null));
        } else {
            spanning.arrive(seat, keepsHistory() ? StreamKey.group(room) : null, since, epoch);
        }
    }

    /** The session closed: it leaves its room, and in open rooms the room's group when it was its last seat. */
    void closed(LiveSession session) {
        loggingIn.remove(session);
        Seat seat = rooms.forget(session);
        if (seat != null && seat.room() != null) {
            leave(seat, true);
        }
    }

    /** The login of this session is answered (or refused): another may follow. */
    void answered(LiveSession session) {
        loggingIn.remove(session);
    }

    /**
     * The name of the client id's seat when it sits in {@code room} (on any node, in a cluster), or null: a private
     * say's addressee.
     */
    CompletableFuture<String> addressee(String room, String clientId) {
        return spanning.addressee(room, clientId);
    }

    /** Whether the uid is a member of the group, on every node. */
    CompletableFuture<Boolean> isMember(String group, String uid) {
        return directory.isMember(group, uid);
    }

    /** How many members the group has, on every node. */
    CompletableFuture<Integer> groupSize(String group) {
        return directory.size(group);
    }

    CompletableFuture<History> history(StreamKey stream, Long since, String epoch) {
        if (since == null) {
            return latest(stream);
        }
        return inbox.resume(stream, since, epoch, maxHistoryChars).thenCompose(resume -> resume.recovered()
                ? CompletableFuture.completedFuture(new History(resume.upTo(), resume.replay())) : latest(stream));
    }

    private CompletableFuture<History> latest(StreamKey stream) {
        return inbox.page(stream, null, null, settings.history(), maxHistoryChars)
                .thenApply(page -> new History(upTo(page.head().top(), page.messages()), page.messages()));
    }

    /**
     * Where a history ends: the page's head is read before its messages, so a message stored in between may be in
     * the page above the head's top; what is held for the newcomer must not repeat it.
     */
    private static long upTo(long top, List<StoredMessage> messages) {
        return messages.isEmpty() ? top : Math.max(top, messages.get(messages.size() - 1).seq());
    }

    /** A join's refusal (a group limit), or null when the uid is a member. */
    ChatFrames.Error refusal(Groups.Join join) {
        return switch (join) {
            case JOINED, ALREADY_MEMBER -> null;
            case TOO_MANY_GROUPS -> ChatError.ROOM_FULL.frame("too many rooms (TIDINGS_MAX_GROUPS="
                    + limits.maxGroups() + ")");
            case GROUP_FULL -> ChatError.ROOM_FULL.frame("TIDINGS_MAX_GROUP_MEMBERS=" + limits.maxGroupMembers());
            case TOO_MANY_MEMBERSHIPS -> ChatError.ROOM_FULL.frame("too many memberships (TIDINGS_MAX_MEMBERSHIPS="
                    + limits.maxMemberships() + ")");
        };
    }

    /**
     * Unseats the seat and tells the room. In open rooms the uid stops being a member when this was its last seat
     * there and {@code dropMembership} (false when it logs in to the same room again).
     */
    private void leave(Seat seat, boolean dropMembership) {
        spanning.leave(seat, dropMembership);
    }

    static void send(LiveSession session, StreamKey stream, long upTo, List<OutboundText> frames) {
        if (stream == null) {
            frames.forEach(session::send);
        } else {
            session.release(stream.text(), upTo, frames);
        }
    }

    OutboundText frame(Object record) {
        return new OutboundText(jsonb.toJson(record));
    }

    ZoneId zone() {
        return settings.zone();
    }

    /** The time a frame that is not stored carries: now, as date('Y-m-d H:i:s'). */
    String now() {
        return ChatText.time(System.currentTimeMillis(), settings.zone());
    }
}
