package io.tidings.api;

import io.tidings.inbox.Inbox;
import io.tidings.inbox.InboxFrames;
import io.tidings.inbox.Seq;
import io.tidings.inbox.StreamKey;
import io.tidings.push.DeliveryService;
import io.tidings.push.Target;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The inbox for the backend: GET /api/inbox?uid=U (or group=G) pages a stream, DELETE /api/inbox?uid=U removes
 * a user's messages (account deletion), POST /api/inbox/read {"uid":U,"upTo":S} marks them read and tells every
 * live session of U the new unread count. 404 when TIDINGS_INBOX=off.
 */
final class InboxServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;
    /** The most characters of stored frames one page answer carries (a page is at most {@link Inbox#MAX_PAGE}). */
    static final long MAX_PAGE_CHARS = 8 << 20;
    private static final int DEFAULT_PAGE = 100;

    private final transient Inbox inbox;
    private final transient DeliveryService delivery;
    private final transient Jsonb jsonb;

    /** @param inbox null when there is none */
    InboxServlet(ApiServlet.Common common, Inbox inbox, DeliveryService delivery) {
        super(common);
        this.inbox = inbox;
        this.delivery = delivery;
        this.jsonb = common.jsonb();
    }

    /** The head of a page; "messages" follows it. */
    @JsonbPropertyOrder({"uid", "group", "seq", "epoch", "unread", "more"})
    public record PageHead(String uid, String group, long seq, String epoch, Long unread, boolean more) {
    }

    @JsonbPropertyOrder({"uid", "deleted"})
    public record Deleted(String uid, long deleted) {
    }

    @JsonbPropertyOrder({"uid", "seq", "unread"})
    public record Read(String uid, long seq, long unread) {
    }

    @Override
    Object handle(HttpServletRequest request) throws ApiException, IOException {
        if (inbox == null) {
            throw new ApiException(404, "there is no inbox: TIDINGS_INBOX is off");
        }
        if ("/api/inbox/read".equals(request.getServletPath())) {
            expect(request, "POST");
            return read(body(request));
        }
        if ("DELETE".equals(request.getMethod())) {
            String uid = JsonFields.uidParameter(request.getParameter("uid"));
            return inbox.delete(StreamKey.uid(uid)).thenApply(deleted -> new Deleted(uid, deleted));
        }
        expect(request, "GET");
        return page(request);
    }

    private CompletableFuture<Answer> page(HttpServletRequest request) throws ApiException {
        String uid = request.getParameter("uid");
        String group = request.getParameter("group");
        if ((uid == null) == (group == null)) {
            throw ApiException.badRequest("exactly one of the query parameters uid and group is required");
        }
        StreamKey stream = uid != null ? StreamKey.uid(JsonFields.uidParameter(uid))
                : StreamKey.group(StreamKey.ALL_NAME.equals(group) ? group : JsonFields.groupName(group));
        Long after = number(request, "after", 0);
        Long before = number(request, "before", 0);
        if (after != null && before != null) {
            throw ApiException.badRequest("give at most one of after and before");
        }
        Long limit = number(request, "limit", 1);
        if (limit != null && limit > Inbox.MAX_PAGE) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + Inbox.MAX_PAGE);
        }
        int size = limit == null ? DEFAULT_PAGE : limit.intValue();
        return inbox.page(stream, after, before, size, MAX_PAGE_CHARS).thenApply(page -> {
            PageHead head = new PageHead(uid, group, page.head().top(), page.head().epoch(),
                    uid == null ? null : page.head().unread(), page.more());
            byte[] body = InboxFrames.withMessages(head, page.messages(), jsonb).getBytes(StandardCharsets.UTF_8);
            return new Answer(200, Map.of(), body);
        });
    }

    private CompletableFuture<Read> read(JsonObject body) throws ApiException {
        JsonFields.allowOnly(body, Set.of("uid", "upTo"));
        String uid = JsonFields.uid(body, "uid");
        Long upTo = Seq.of(body.get("upTo"));
        if (upTo == null) {
            throw ApiException.badRequest("upTo must be a whole number from 0 to " + Seq.MAX);
        }
        return inbox.markRead(StreamKey.uid(uid), upTo).thenApply(head -> {
            delivery.deliver(new Target.Uid(uid), (id, ts) -> InboxFrames.Unread.of(head));
            return new Read(uid, head.top(), head.unread());
        });
    }

    /** An optional whole-number query parameter from min to 2^53-1. */
    private static Long number(HttpServletRequest request, String name, long min) throws ApiException {
        String value = request.getParameter(name);
        if (value == null) {
            return null;
        }
        Long number = Seq.parse(value);
        if (number == null || number < min) {
            throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + Seq.MAX);
        }
        return number;
    }
}
