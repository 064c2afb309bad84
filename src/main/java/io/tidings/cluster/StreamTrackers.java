package io.tidings.cluster;

import io.tidings.hub.OutboundText;
import io.tidings.inbox.StoredMessage;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.RedisInbox;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where this node stands in each stream it receives (a uid's with sessions here, a group's with members here,
 * everyone's): the last seq it delivered. Redis pub/sub is at most once, so what arrives is checked against it: a
 * seq already delivered is dropped, a seq beyond the next one means messages were missed, and they are read from
 * the stream first; after a resubscription every stream is read up to its top ({@link #fillAll}). A stream's
 * tracker starts with the position Redis gave when this node joined its route (messages wait for it), and a new
 * epoch (Redis lost the stream) is reported so that the sessions reconnect.
 * <p>
 * Messages arrive on Lettuce's I/O thread of their subscription (one per Redis, in publish order) and are handled
 * there, without a hand-off: each tracker is its own lock. Trackers are made and dropped on the cluster's thread.
 */
final class StreamTrackers {
    /** The most messages one read of a gap takes; a longer gap is read in several. */
    private static final int FILL_PAGE = 1000;

    /** What the trackers hand their messages to. */
    interface Sink {
        /** @param roomOnly a chat room's own message: for the room's chat sessions, not the group's members */
        void deliver(String stream, OutboundText frame, boolean roomOnly);

        /** The stream's epoch changed: what sessions hold of it means nothing any more. */
        void epochChanged(String stream);

        /** Messages read to fill a gap. */
        void filled(int messages);
    }

    /** One stream's position; last is -1 until its baseline arrives. Guarded by itself. */
    static final class Tracker {
        private final String stream;
        private long last = -1;
        private String epoch;
        private boolean filling;
        private final ArrayDeque<Envelope.Stored> pending = new ArrayDeque<>(2);

        private Tracker(String stream) {
            this.stream = stream;
        }
    }

    private final ConcurrentHashMap<String, Tracker> trackers = new ConcurrentHashMap<>();
    private final RedisInbox inbox;
    private final ScheduledExecutorService timer;
    private final Sink sink;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    StreamTrackers(RedisInbox inbox, ScheduledExecutorService timer, Sink sink) {
        this.inbox = inbox;
        this.timer = timer;
        this.sink = sink;
    }

    /** Starts tracking a stream (or keeps the tracker it has); messages wait until {@link #baseline}. */
    Tracker expect(String stream) {
        return trackers.computeIfAbsent(stream, Tracker::new);
    }

    /** Where the stream stood when this node joined its route; ignored for a tracker replaced or forgotten since. */
    void baseline(Tracker tracker, long top, String epoch) {
        synchronized (tracker) {
            if (trackers.get(tracker.stream) != tracker || tracker.last >= 0) {
                return;
            }
            tracker.last = top;
            tracker.epoch = epoch;
            drain(tracker);
        }
    }

    void forget(Tracker tracker) {
        trackers.remove(tracker.stream, tracker);
    }

    /** A stored message from pub/sub. */
    void onStored(Envelope.Stored message) {
        Tracker tracker = trackers.get(message.stream());
        if (tracker == null) {
            return; // nobody here for it any more
        }
        synchronized (tracker) {
            if (tracker.last < 0 || tracker.filling) {
                tracker.pending.add(message);
            } else {
                process(tracker, message);
            }
        }
    }

    private void process(Tracker tracker, Envelope.Stored message) {
        if (!message.epoch().equals(tracker.epoch)) {
            sink.epochChanged(tracker.stream);
            tracker.epoch = message.epoch();
            tracker.last = message.seq() - 1;
        }
        if (message.seq() <= tracker.last) {
            return;
        }
        if (message.seq() == tracker.last + 1) {
            tracker.last = message.seq();
            sink.deliver(tracker.stream, OutboundText.stored(message.frame(), tracker.stream, message.seq()),
                    message.roomOnly());
            return;
        }
        tracker.filling = true;
        tracker.pending.addFirst(message);
        fill(tracker, message.seq());
    }

    /** Reads what is missing below {@code upTo} (exclusive), delivers it, then what waited. */
    private void fill(Tracker tracker, long upTo) {
        long from = tracker.last;
        int limit = (int) Math.min(FILL_PAGE, upTo - from - 1);
        inbox.readAsync(new StreamKey(tracker.stream), from, upTo, limit, false)
                .whenComplete((messages, failure) -> filled(tracker, upTo, messages, failure));
    }

    private void filled(Tracker tracker, long upTo, List<StoredMessage> messages, Throwable failure) {
        synchronized (tracker) {
            if (trackers.get(tracker.stream) != tracker) {
                return;
            }
            if (failure != null) {
                timer.schedule(() -> {
                    synchronized (tracker) {
                        if (trackers.get(tracker.stream) == tracker) {
                            fill(tracker, upTo);
                        }
                    }
                }, 1, TimeUnit.SECONDS);
                return;
            }
            for (StoredMessage message : messages) {
                if (message.seq() > tracker.last) {
                    tracker.last = message.seq();
                    sink.deliver(tracker.stream, OutboundText.stored(message.frame(), tracker.stream, message.seq()),
                            message.roomOnly());
                }
            }
            sink.filled(messages.size());
            if (messages.size() == FILL_PAGE && tracker.last < upTo - 1) {
                fill(tracker, upTo); // more than a page was missing
                return;
            }
            tracker.last = Math.max(tracker.last, upTo - 1); // what is still missing is gone from the stream
            tracker.filling = false;
            drain(tracker);
        }
    }

    private void drain(Tracker tracker) {
        while (!tracker.filling && tracker.last >= 0 && !tracker.pending.isEmpty()) {
            process(tracker, tracker.pending.poll());
        }
    }

    /**
     * After this node (re)subscribed: reads every tracked stream from its last seq up to its top, since pub/sub may
     * have dropped anything published meanwhile.
     */
    void fillAll() {
        for (Tracker tracker : trackers.values()) {
            synchronized (tracker) {
                if (tracker.last < 0 || tracker.filling) {
                    continue;
                }
                tracker.filling = true;
            }
            inbox.headAsync(new StreamKey(tracker.stream)).whenComplete((head, failure) ->
                    headRead(tracker, head, failure));
        }
    }

    private void headRead(Tracker tracker, StreamHead head, Throwable failure) {
        synchronized (tracker) {
            if (trackers.get(tracker.stream) != tracker) {
                return;
            }
            if (failure != null) {
                tracker.filling = false;
                if (retryScheduled.compareAndSet(false, true)) {
                    timer.schedule(() -> {
                        retryScheduled.set(false);
                        fillAll();
                    }, 1, TimeUnit.SECONDS);
                }
                return;
            }
            if (!head.epoch().equals(tracker.epoch)) {
                sink.epochChanged(tracker.stream);
                tracker.epoch = head.epoch();
                tracker.last = head.top();
            }
            if (head.top() > tracker.last) {
                fill(tracker, head.top() + 1);
            } else {
                tracker.filling = false;
                drain(tracker);
            }
        }
    }
}
