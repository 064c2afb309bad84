package io.tidings.mobile;

/**
 * What one device is told: the text, the badge, the inbox position the app resumes from, and the collapse id
 * that makes a resend (after a crash, a dropped connection) replace the notification rather than add one.
 *
 * @param title      null for none
 * @param badge      the uid's unread count, or -1 for none (a group's stream has no read marks)
 * @param collapseId the sender's collapse key, else one made from the job: at most 64 ASCII characters
 * @param seq        the position in {@code stream}: the newest message this push stands for
 * @param group      the group's name ("*" for everyone) when the position is in a group's stream; else null
 * @param count      how many messages it stands for
 */
public record Notification(Device device, String title, String body, long badge, String collapseId, long seq,
        String epoch, String group, int count) {
}
