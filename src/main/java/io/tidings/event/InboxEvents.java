package io.tidings.event;

import io.tidings.close.CloseException;
import io.tidings.close.CloseReason;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.inbox.CatchUp;
import io.tidings.inbox.Inbox;
import io.tidings.inbox.InboxFrames;
import io.tidings.inbox.Seq;
import io.tidings.inbox.StreamKey;
import io.tidings.push.DeliveryService;
import io.tidings.push.Failures;
import io.tidings.push.Target;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.util.function.Consumer;

/**
 * The inbox's events, registered when there is an inbox: resume a stream on an open session, page its history,
 * mark the uid's messages read. A group stream is open to its members only; the broadcast stream "*" to every
 * session. A malformed request closes 4003 like any malformed frame; one that cannot be answered (not a member,
 * the store unavailable) is answered {"event":E,"error":...}.
 */
public final class InboxEvents {
    /** The most messages one history request returns on the socket. */
    static final int MAX_HISTORY = 100;
    private static final int DEFAULT_HISTORY = 50;

    private final Inbox inbox;
    private final CatchUp catchUp;
    private final GroupDirectory groups;
    private final DeliveryService delivery;
    private final Jsonb jsonb;
    private final long maxPageChars;

    /** @param maxPageChars the most characters of stored frames one history answer carries */
    public InboxEvents(Inbox inbox, CatchUp catchUp, GroupDirectory groups, DeliveryService delivery, Jsonb jsonb,
            long maxPageChars) {
        this.inbox = inbox;
        this.catchUp = catchUp;
        this.groups = groups;
        this.delivery = delivery;
        this.jsonb = jsonb;
        this.maxPageChars = maxPageChars;
    }

    /** {"event":"resume","since":S,"epoch":E,"group":optional}. */
    public record ResumeRequest(JsonValue since, JsonValue epoch, JsonValue group) {
    }

    /** {"event":"history","after"|"before":S (optional),"limit":L (optional),"group":optional}. */
    public record HistoryRequest(JsonValue after, JsonValue before, JsonValue limit, JsonValue group) {
    }

    /** {"event":"read","upTo":S}. */
    public record ReadRequest(JsonValue upTo) {
    }

    @OnEvent("resume")
    public void resume(EventContext context, ResumeRequest request) throws CloseException {
        long since = seq(request.since(), false);
        if (!(request.epoch() instanceof JsonString epoch)) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        String group = group(request.group());
        readable(context, group, "resumed", stream -> {
            if (!catchUp.resume(context.session(), stream, since, epoch.getString())) {
                context.reply(new InboxFrames.Refused("resumed", group, "a resume of this stream is in progress"));
            }
        });
    }

    @OnEvent("history")
    public void history(EventContext context, HistoryRequest request) throws CloseException {
        if (request.after() != null && request.before() != null) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        Long after = request.after() == null ? null : seq(request.after(), false);
        Long before = request.before() == null ? null : seq(request.before(), false);
        int limit = request.limit() == null ? DEFAULT_HISTORY : (int) seq(request.limit(), true);
        if (limit > MAX_HISTORY) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        String group = group(request.group());
        readable(context, group, "history", stream -> inbox.page(stream, after, before, limit, maxPageChars)
                .whenComplete((page, failure) -> {
                    if (failure != null) {
                        context.reply(new InboxFrames.Refused("history", group, Failures.publicReason(failure)));
                    } else {
                        context.replyJson(InboxFrames.withMessages(InboxFrames.History.of(group, page),
                                page.messages(), jsonb));
                    }
                }));
    }

    @OnEvent("read")
    public void read(EventContext context, ReadRequest request) throws CloseException {
        long upTo = seq(request.upTo(), false);
        String uid = context.uid();
        inbox.markRead(StreamKey.uid(uid), upTo).whenComplete((head, failure) -> {
            if (failure != null) {
                context.reply(new InboxFrames.Refused("unread", null, Failures.publicReason(failure)));
            } else {
                // Through delivery, so every session of the uid hears it, wherever it is connected.
                delivery.deliver(new Target.Uid(uid), (id, ts) -> InboxFrames.Unread.of(head));
            }
        });
    }

    /**
     * Runs {@code then} with the stream the caller may read (at once when no membership must be checked, else when
     * the group directory answers), or answers that it may not.
     */
    private void readable(EventContext context, String group, String event, Consumer<StreamKey> then) {
        if (group == null) {
            then.accept(StreamKey.uid(context.uid()));
        } else if (StreamKey.ALL_NAME.equals(group)) {
            then.accept(StreamKey.ALL);
        } else {
            groups.isMember(group, context.uid()).whenComplete((member, failure) -> {
                if (failure != null) {
                    context.reply(new InboxFrames.Refused(event, group, Failures.publicReason(failure)));
                } else if (!member) {
                    context.reply(new InboxFrames.Refused(event, group, "not a member of this group"));
                } else {
                    then.accept(StreamKey.group(group));
                }
            });
        }
    }

    private static String group(JsonValue value) throws CloseException {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString name && (Groups.isValidName(name.getString())
                || StreamKey.ALL_NAME.equals(name.getString()))) {
            return name.getString();
        }
        throw new CloseException(CloseReason.DATA_INVALID);
    }

    /** A {@link Seq} (from 1 when positive). */
    private static long seq(JsonValue value, boolean positive) throws CloseException {
        Long seq = Seq.of(value);
        if (seq == null || positive && seq == 0) {
            throw new CloseException(CloseReason.DATA_INVALID);
        }
        return seq;
    }
}
