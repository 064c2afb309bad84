package io.tidings.inbox;

import java.util.List;

/**
 * What a resume found: the stream's head, whether the client's position could be recovered (then {@code replay}
 * holds every message after it, in order), and if not, why.
 */
public record Resume(StreamHead head, Outcome outcome, List<StoredMessage> replay) {
    /** How a resume ended; the label is what the client and the metrics see. */
    public enum Outcome {
        /** Every message after the client's seq is replayed. */
        RECOVERED("recovered"),
        /** The client's epoch is not the stream's: the store lost the stream (or the position is from elsewhere). */
        EPOCH_CHANGED("epoch"),
        /** Some messages after the client's seq are no longer retained (age, count or size limits). */
        TOO_OLD("too_old"),
        /** The client's seq is above the stream's top: the store went backwards (restored from an older copy). */
        AHEAD("ahead"),
        /** More is missing than TIDINGS_RESUME_MAX messages, or than the session's outbound queue can take. */
        OVER_CAP("over_cap");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean recovered() {
        return outcome == Outcome.RECOVERED;
    }

    /** The highest seq the client has once this resume is sent (the top when recovered, else the top as well). */
    public long upTo() {
        return replay.isEmpty() ? head.top() : Math.max(head.top(), replay.get(replay.size() - 1).seq());
    }

    static Resume failed(StreamHead head, Outcome outcome) {
        return new Resume(head, outcome, List.of());
    }
}
