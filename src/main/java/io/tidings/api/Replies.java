package io.tidings.api;

import io.tidings.inbox.Appended;
import io.tidings.push.Receipt;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The JSON answers of the API, in one place because they are the wire contract (README.md, "Backend API").
 * Public only because JSON-B reads public types; nothing outside this package builds them.
 */
public final class Replies {
    private Replies() {
    }

    /** The body of every error answer. */
    public record Error(String error) {
    }

    /**
     * A delivered push: how many sessions it was written to, its message id, whether it was stored and where: its
     * "seq" and "epoch" in its stream, or for a uids push each uid's seq in "seqs"; "duplicate":true (else absent)
     * when its idempotency key was seen within the window, so this request delivered nothing again.
     */
    @JsonbPropertyOrder({"delivered", "id", "seq", "seqs", "epoch", "stored", "duplicate"})
    public record Pushed(int delivered, String id, Long seq, Map<String, Long> seqs, String epoch, boolean stored,
            Boolean duplicate) {
        static Pushed of(Receipt receipt, boolean severalStreams) {
            Long seq = null;
            Map<String, Long> seqs = null;
            String epoch = null;
            if (receipt.isStored() && severalStreams) {
                seqs = new LinkedHashMap<>();
                for (Appended entry : receipt.stored()) {
                    seqs.put(entry.stream().name(), entry.seq());
                }
            } else if (receipt.isStored()) {
                seq = receipt.stored().get(0).seq();
                epoch = receipt.stored().get(0).epoch();
            }
            return new Pushed(receipt.delivered(), receipt.id(), seq, seqs, epoch, receipt.isStored(),
                    receipt.duplicate() ? Boolean.TRUE : null);
        }
    }

    /** One {@link Pushed} or {@link Error} per push of a batch, in the batch's order. */
    public record Batch(List<Object> results) {
    }

    @JsonbPropertyOrder({"uid", "online", "sessions"})
    public record Online(String uid, boolean online, int sessions) {
    }

    /** openedAt is ISO-8601 in UTC, e.g. 2025-01-31T12:00:00.123Z; node only in a cluster (absent otherwise). */
    @JsonbPropertyOrder({"id", "node", "openedAt", "remoteAddress"})
    public record Session(String id, String node, String openedAt, String remoteAddress) {
    }

    @JsonbPropertyOrder({"uid", "sessions"})
    public record Sessions(String uid, List<Session> sessions) {
    }

    @JsonbPropertyOrder({"uid", "kicked"})
    public record Kicked(String uid, int kicked) {
    }

    @JsonbPropertyOrder({"group", "members"})
    public record Members(String group, List<String> members) {
    }

    /** member: whether the uid is a member now; changed: whether this request made it so. */
    @JsonbPropertyOrder({"group", "uid", "member", "changed"})
    public record Membership(String group, String uid, boolean member, boolean changed) {
    }

    /** Dev mode's test token. */
    @JsonbPropertyOrder({"uid", "token", "expiresIn"})
    public record DevToken(String uid, String token, long expiresIn) {
    }

    /** /healthz and /readyz: the state and the live session count (the operator console shows it). */
    @JsonbPropertyOrder({"status", "sessions"})
    public record Status(String status, int sessions) {
    }
}
