package io.tidings.mobile;

import io.tidings.inbox.StreamKey;

/**
 * What a job's notification says. One message: the sender's text, else TIDINGS_PUSH_TEXT (seed 004's
 * "收到一条新的回复."). Several collapsed: TIDINGS_PUSH_TEXT_MANY with {n} their count, under the newest title.
 */
final class Composer {
    /** Collapse ids Tidings makes: a job's origin names its notification, so a resend replaces it. */
    static final String COLLAPSE_PREFIX = "tidings-";

    private final String text;
    private final String textMany;

    Composer(String text, String textMany) {
        this.text = text;
        this.textMany = textMany;
    }

    /**
     * @param unread the uid's unread count for the badge, or -1 for none
     * @param count  how many of the job's messages are still news (some may have been read meanwhile)
     */
    Notification compose(Job job, Device device, long unread, int count) {
        String body = count > 1 ? textMany.replace("{n}", Integer.toString(count))
                : job.body() != null ? job.body() : text;
        StreamKey stream = new StreamKey(job.stream());
        String collapseId = job.collapse() != null ? job.collapse() : COLLAPSE_PREFIX + job.origin();
        return new Notification(device, job.title(), body, unread, collapseId, job.seq(), job.epoch(),
                stream.isUid() ? null : stream.name(), count);
    }
}
