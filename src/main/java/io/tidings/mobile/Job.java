package io.tidings.mobile;

/**
 * A push job: tell a uid's phones about what they missed in one stream, up to {@code seq}. It starts for the
 * uid (token null: every device it has when sent) and collapses the uid's further messages of the same stream,
 * kind and collapse key until it is first tried; devices that need another try get a job each ({@link
 * #origin} the same, so the notification they show is the same one).
 *
 * @param origin   the job this one was split from (itself when it was not): names the notification
 * @param stream   the inbox stream ({@code u:<uid>}, {@code g:<group>}, {@code *}) whose position it carries
 * @param count    how many messages it stands for
 * @param title    the sender's title, or null
 * @param body     the sender's text, or null for the default
 * @param collapse the sender's collapse key, or null
 * @param created  epoch ms of its first message
 * @param due      epoch ms it is (next) due
 * @param attempts how many times it was tried
 * @param platform with token: the one device it is for; both null for every device of the uid
 */
public record Job(long id, long origin, String uid, String stream, long seq, String epoch, int count, String title,
        String body, String collapse, Kind kind, long created, long due, int attempts, Platform platform,
        String token) {
    /** Why a job was made. */
    public enum Kind {
        /** No live session received the message. */
        OFFLINE,
        /** A session received it, but it was not read within TIDINGS_PUSH_AFTER: sent only if still unread. */
        UNREAD;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A new message for a uid's phones, as job making hands it to the store. */
    public record New(String uid, String stream, long seq, String epoch, String title, String body,
            String collapse, Kind kind, long created, long due) {
    }

    /**
     * What comes of a tried job: nothing (done), or for some devices a later try or a dead letter.
     *
     * @param next one per device that is not done
     */
    public record Settled(Job job, java.util.List<Next> next) {
        public static Settled done(Job job) {
            return new Settled(job, java.util.List.of());
        }

        /** The whole job again later, as it is (for every device, if it was), the try not counted. */
        public static Settled later(Job job, long due) {
            return new Settled(job, java.util.List.of(new Next(job.platform(), job.token(), due, false, true)));
        }
    }

    /**
     * One device's follow-up of a tried job (or, with the job's own platform and token, both null for every
     * device, the job itself again).
     *
     * @param due    when it is tried again
     * @param dead   a dead letter: kept for the operator, never tried again
     * @param refund the try does not count (the provider refused our credentials, not the push)
     */
    public record Next(Platform platform, String token, long due, boolean dead, boolean refund) {
    }

    /** Whether it is for the uid's devices, not yet split per device. */
    public boolean forEveryDevice() {
        return token == null;
    }
}
