package io.tidings.inbox;

import io.tidings.hub.LiveSession;
import io.tidings.hub.OutboundText;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session catching up with a stream: its live frames of the stream are held back ({@link LiveSession#hold})
 * while the inbox is read, then what was read is sent, then the held frames above it, so the client sees the
 * stream in order, with no gap and nothing twice, however many pushes arrive meanwhile. The welcome of a new
 * session and the resume event both go through here.
 */
public final class CatchUp {
    private static final System.Logger LOG = System.getLogger(CatchUp.class.getName());

    private final Inbox inbox;
    private final Jsonb jsonb;
    private final long maxReplayChars;
    private final Consumer<Resume> resumed;

    /**
     * @param maxReplayChars the most a replay may send at once: part of a session's outbound queue
     * @param resumed        told of every resume's outcome (the metrics)
     */
    public CatchUp(Inbox inbox, Jsonb jsonb, long maxReplayChars, Consumer<Resume> resumed) {
        this.inbox = inbox;
        this.jsonb = jsonb;
        this.maxReplayChars = maxReplayChars;
        this.resumed = resumed;
    }

    /**
     * Welcomes a session that just opened, whose own stream it held before registering: the welcome, and when
     * the client gave its position, the replay and the resumed frame.
     */
    public void welcome(LiveSession session, Long since, String epoch) {
        StreamKey stream = StreamKey.uid(session.uid());
        if (since == null) {
            inbox.head(stream).whenComplete((head, failure) -> {
                if (failure != null) {
                    refuse(session, stream, "welcome", null, failure);
                } else {
                    session.release(stream.text(), head.top(), List.of(frame(InboxFrames.Welcome.of(head))));
                }
            });
            return;
        }
        inbox.resume(stream, since, epoch, maxReplayChars).whenComplete((resume, failure) -> {
            if (failure != null) {
                refuse(session, stream, "welcome", null, failure);
            } else {
                send(session, stream, null, resume, frame(InboxFrames.Welcome.of(resume.head())));
            }
        });
    }

    /** {"event":"resume",...} on an open session; false when this stream is being caught up already. */
    public boolean resume(LiveSession session, StreamKey stream, long since, String epoch) {
        if (!session.hold(stream.text())) {
            return false;
        }
        String group = stream.isUid() ? null : stream.name();
        inbox.resume(stream, since, epoch, maxReplayChars).whenComplete((resume, failure) -> {
            if (failure != null) {
                refuse(session, stream, "resumed", group, failure);
            } else {
                send(session, stream, group, resume, null);
            }
        });
        return true;
    }

    private void send(LiveSession session, StreamKey stream, String group, Resume resume, OutboundText first) {
        resumed.accept(resume);
        List<OutboundText> frames = new ArrayList<>(resume.replay().size() + 2);
        if (first != null) {
            frames.add(first);
        }
        for (StoredMessage message : resume.replay()) {
            frames.add(OutboundText.stored(message.frame(), stream.text(), message.seq()));
        }
        frames.add(frame(InboxFrames.Resumed.of(group, resume)));
        session.release(stream.text(), resume.upTo(), frames);
    }

    /** The store failed: the client is told so, and the held frames go out as they are. */
    private void refuse(LiveSession session, StreamKey stream, String event, String group, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof InboxUnavailable unavailable ? unavailable.publicReason()
                : "inbox unavailable";
        if (!(cause instanceof InboxUnavailable)) {
            LOG.log(System.Logger.Level.WARNING, "catching up session " + session.id() + " failed", cause);
        }
        session.release(stream.text(), 0, List.of(frame(new InboxFrames.Refused(event, group, reason))));
    }

    private OutboundText frame(Object record) {
        return new OutboundText(jsonb.toJson(record));
    }
}
