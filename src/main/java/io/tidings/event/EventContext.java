package io.tidings.event;

import io.tidings.hub.LiveSession;
import jakarta.json.bind.Jsonb;

/** What an event handler knows of its caller: who sent the event, and a way to answer that session alone. */
public final class EventContext {
    private final LiveSession caller;
    private final Jsonb jsonb;

    EventContext(LiveSession caller, Jsonb jsonb) {
        this.caller = caller;
        this.jsonb = jsonb;
    }

    /** The sender's authenticated uid. */
    public String uid() {
        return caller.uid();
    }

    /** Sends a frame (a record, encoded with JSON-B) to the calling session only. */
    public void reply(Object frame) {
        caller.send(jsonb.toJson(frame));
    }

    /** Sends a frame that is JSON text already (a page of stored frames) to the calling session only. */
    public void replyJson(String json) {
        caller.send(json);
    }

    /** The calling session itself, for a handler that streams to it (a resume holds its live frames back). */
    public LiveSession session() {
        return caller;
    }
}
