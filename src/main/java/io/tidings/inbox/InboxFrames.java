package io.tidings.inbox;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The inbox's frames on the wire (README.md, "Inbox"), in one place. Public only because JSON-B reads public
 * types. A page of stored frames is spliced in as it was stored (each is JSON already), never re-encoded.
 */
public final class InboxFrames {
    private InboxFrames() {
    }

    /** Right after a session opens: where the uid's stream stands. */
    @JsonbPropertyOrder({"event", "seq", "epoch", "unread"})
    public record Welcome(String event, long seq, String epoch, long unread) {
        static Welcome of(StreamHead head) {
            return new Welcome("welcome", head.top(), head.epoch(), head.unread());
        }
    }

    /** The end of a resume; reason is absent when recovered, group absent for the uid's stream. */
    @JsonbPropertyOrder({"event", "group", "recovered", "reason", "seq", "epoch"})
    public record Resumed(String event, String group, boolean recovered, String reason, long seq, String epoch) {
        static Resumed of(String group, Resume resume) {
            return new Resumed("resumed", group, resume.recovered(),
                    resume.recovered() ? null : resume.outcome().label(), resume.upTo(), resume.head().epoch());
        }
    }

    /** What an inbox request on the socket gets when it cannot be answered: {"event":E,"error":...}. */
    @JsonbPropertyOrder({"event", "group", "error"})
    public record Refused(String event, String group, String error) {
    }

    /** Every live session of a uid, after a read mark: the badge count all tabs agree on. */
    @JsonbPropertyOrder({"event", "count"})
    public record Unread(String event, long count) {
        public static Unread of(StreamHead head) {
            return new Unread("unread", head.unread());
        }
    }

    /** The head of a history page on the socket; its messages follow ({@link #withMessages}). */
    @JsonbPropertyOrder({"event", "group", "seq", "epoch", "more"})
    public record History(String event, String group, long seq, String epoch, boolean more) {
        public static History of(String group, Page page) {
            return new History("history", group, page.head().top(), page.head().epoch(), page.more());
        }
    }

    /** The JSON of {@code head} (a record) with a "messages" array of the stored frames as its last field. */
    public static String withMessages(Object head, List<StoredMessage> messages, Jsonb jsonb) {
        String json = jsonb.toJson(head);
        StringBuilder text = new StringBuilder(json.length() + 64 * (messages.size() + 1))
                .append(json, 0, json.lastIndexOf('}')).append(",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            text.append(i == 0 ? "" : ",").append(messages.get(i).frame());
        }
        return text.append("]}").toString();
    }
}
