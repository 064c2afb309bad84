package io.tidings.chat;

import io.tidings.auth.UidFormat;
import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.event.EventContext;
import io.tidings.event.OnEvent;
import io.tidings.hub.Groups;
import io.tidings.hub.Rooms.Seat;
import io.tidings.inbox.Seq;
import io.tidings.push.DeliveryService;
import io.tidings.push.Failures;
import io.tidings.push.Receipt;
import io.tidings.push.Target;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.function.BiConsumer;

/**
 * The chat protocol's inbound frames, by "type": login (seed 000), say to the room or to one client in it, seed
 * 002's pm and groupPm, and pong. A frame of the wrong shape closes 4003 as on /ws; a refusal is an error frame
 * ({@link ChatError}). Every delivery goes through the {@link DeliveryService}.
 */
public final class ChatEvents {
    /** The most members a groupPm reaches: one frame must not fan out without bound (error 111 beyond). */
    static final int MAX_GROUP_PM_MEMBERS = 1_000;

    private final Seating seating;
    private final DeliveryService delivery;

    ChatEvents(Seating seating, DeliveryService delivery) {
        this.seating = seating;
        this.delivery = delivery;
    }

    @OnEvent("login")
    public void login(EventContext context, ChatFrames.LoginRequest request) throws CloseException {
        String room = request.room_id() == null || request.room_id() == JsonValue.NULL ? null
                : roomId(request.room_id());
        Long since = null;
        String epoch = null;
        if (request.since() != null || request.epoch() != null) {
            since = Seq.of(request.since());
            if (since == null) {
                throw new CloseException(CloseReason.DATA_INVALID);
            }
            epoch = string(request.epoch());
        }
        String name = context.uid();
        if (request.client_name() != null && request.client_name() != JsonValue.NULL) {
            name = ChatText.name(string(request.client_name()));
            if (name == null) {
                context.reply(ChatError.NAME_INVALID.frame());
                return;
            }
        }
        seating.login(context, name, room, since, epoch);
    }

    @OnEvent("say")
    public void say(EventContext context, ChatFrames.SayRequest request) throws CloseException {
        String to = string(request.to_client_id());
        String content = string(request.content());
        String room = request.room_id() == null ? null : roomId(request.room_id());
        Seat seat = speaker(context, content, true);
        if (seat == null) {
            return;
        }
        if (room != null && !seat.room().equals(Seating.ROOM_PREFIX + room)) {
            context.reply(ChatError.OTHER_ROOM.frame());
        } else if (to.equals("all")) {
            delivery.deliver(new Target.Room(seat.room(), null), (id, ts) -> say(seat, to, ChatText.html(content),
                    ChatText.time(ts, seating.zone())), seating.keepsHistory(), null)
                    .whenComplete(refusedOnFailure(context));
        } else {
            seating.addressee(seat.room(), to).whenComplete((name, lookup) -> {
                if (lookup != null || name == null) {
                    context.reply(lookup != null ? ChatError.UNAVAILABLE.because(Failures.publicReason(lookup))
                            : ChatError.NOT_IN_ROOM.frame());
                    return;
                }
                sayTo(context, seat, to, name, content);
            });
        }
    }

    /** A private say to a client id seated in the sender's room (on any node), known by the name it sits as. */
    private void sayTo(EventContext context, Seat seat, String to, String addresseeName, String content) {
        // Events.php's wording: "to you:" for the addressee, "you to NAME:" (the addressee's real name) back
        String html = ChatText.html(content);
        String time = seating.now();
        ChatFrames.Say frame = say(seat, to, ChatText.toYou(html), time);
        delivery.deliver(new Target.ChatClient(seat.room(), to), (id, ts) -> frame).whenComplete((receipt, failure) -> {
            if (failure != null || receipt.delivered() == 0) {
                context.reply(ChatError.NOT_IN_ROOM.frame());
            } else if (!to.equals(seat.clientId())) {
                context.reply(say(seat, to, ChatText.fromYou(addresseeName, html), time));
            }
        });
    }

    @OnEvent("pm")
    public void pm(EventContext context, ChatFrames.PmRequest request) throws CloseException {
        String to = uid(oneOf(request.to(), request.uid()));
        String content = string(request.content());
        Seat seat = speaker(context, content, false);
        if (seat == null) {
            return;
        }
        ChatFrames.Pm frame = new ChatFrames.Pm("pm", seat.uid(), seat.clientId(), seat.name(), to,
                ChatText.html(content), seating.now());
        delivery.deliver(new Target.ChatUid(to), (id, ts) -> frame).whenComplete((receipt, failure) -> {
            if (failure != null || receipt.delivered() == 0) {
                context.reply(ChatError.OFFLINE.frame());
            } else if (!to.equals(seat.uid())) {
                context.reply(frame); // the sender's copy; to oneself it arrived already
            }
        });
    }

    @OnEvent("groupPm")
    public void groupPm(EventContext context, ChatFrames.GroupPmRequest request) throws CloseException {
        String group = groupName(oneOf(request.group(), request.gid()));
        String content = string(request.content());
        Seat seat = speaker(context, content, false);
        if (seat == null) {
            return;
        }
        seating.isMember(group, seat.uid()).thenCombine(seating.groupSize(group), (member, size) -> member
                ? size : -1).whenComplete((size, lookup) -> {
            if (lookup != null) {
                context.reply(ChatError.UNAVAILABLE.because(Failures.publicReason(lookup)));
            } else if (size < 0) {
                context.reply(ChatError.NOT_A_MEMBER.frame("group " + group));
            } else if (size > MAX_GROUP_PM_MEMBERS) {
                context.reply(ChatError.GROUP_TOO_LARGE.frame(size + " members, at most " + MAX_GROUP_PM_MEMBERS));
            } else {
                ChatFrames.GroupPm frame = new ChatFrames.GroupPm("groupPm", group, seat.uid(), seat.clientId(),
                        seat.name(), ChatText.html(content), seating.now());
                delivery.deliver(new Target.ChatGroup(group), (id, ts) -> frame)
                        .whenComplete(refusedOnFailure(context));
            }
        });
    }

    /** Seed 002's client sends group messages as {"type":"group","gid":G,...}. */
    @OnEvent("group")
    public void group(EventContext context, ChatFrames.GroupPmRequest request) throws CloseException {
        groupPm(context, request);
    }

    /** The answer to the server's {"type":"ping"}: receiving it is all it takes (the session is alive). */
    @OnEvent("pong")
    public void pong(EventContext context) {
    }

    /**
     * The sender's seat when it may speak: logged in (seated in a room when {@code inRoom}), with content that is
     * not blank; else null, once the sender has been told why.
     */
    private Seat speaker(EventContext context, String content, boolean inRoom) {
        Seat seat = inRoom ? seating.seated(context.session()) : seating.loggedIn(context.session());
        if (seat == null) {
            context.reply(inRoom ? ChatError.LOGIN_FIRST.frame("to a room") : ChatError.LOGIN_FIRST.frame());
        } else if (content.isBlank()) {
            context.reply(ChatError.EMPTY.frame());
            return null;
        }
        return seat;
    }

    /** A say frame; {@code html} is the content escaped already. */
    private static ChatFrames.Say say(Seat from, String to, String html, String time) {
        return new ChatFrames.Say("say", from.clientId(), from.name(), to, html, time);
    }

    /** A delivery that failed (the inbox could not store the message: nothing was delivered) is told the sender. */
    private static BiConsumer<Receipt, Throwable> refusedOnFailure(EventContext context) {
        return (receipt, failure) -> {
            if (failure != null) {
                context.reply(ChatError.UNAVAILABLE.because(Failures.publicReason(failure)));
            }
        };
    }

    /** A room_id: a string or a whole number (workerman-chat's page sends one), as a group name allows. */
    private static String roomId(JsonValue value) throws CloseException {
        String room = UidFormat.fromJson(value);
        if (room == null || room.length() > Seating.MAX_ROOM_ID) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return room;
    }

    private static String uid(JsonValue value) throws CloseException {
        String uid = UidFormat.fromJson(value);
        if (uid == null) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return uid;
    }

    private static String groupName(JsonValue value) throws CloseException {
        String group = UidFormat.fromJson(value);
        if (!Groups.isValidName(group)) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return group;
    }

    /** Exactly one of two spellings of a field (the and the seed's). */
    private static JsonValue oneOf(JsonValue first, JsonValue second) throws CloseException {
        if ((first == null) == (second == null)) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return first != null ? first : second;
    }

    private static String string(JsonValue value) throws CloseException {
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new CloseException(CloseReason.DATA_INVALID);
    }
}
