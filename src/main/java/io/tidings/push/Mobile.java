package io.tidings.push;

/**
 * What a push asks of the recipients' phones (mobile push), beside its frame: nothing said (a uid's push goes to
 * the phone with the default text, a group's or everyone's does not), {@code "mobile":false} (never), or
 * {@code "mobile":{"title":…,"body":…,"collapse":…}} (the text and collapse key to use; a group or everyone too).
 *
 * @param title    the notification's title, or null for none
 * @param body     its text, or null for the default text
 * @param collapse the sender's collapse key: pushes of one uid with the same key collapse into one notification
 */
public record Mobile(Mode mode, String title, String body, String collapse) {
    /** Nothing said. */
    public static final Mobile DEFAULT = new Mobile(Mode.DEFAULT, null, null, null);
    /** {@code "mobile":false}. */
    public static final Mobile OFF = new Mobile(Mode.OFF, null, null, null);

    public enum Mode {
        DEFAULT, OFF, ASKED
    }

    public static Mobile asked(String title, String body, String collapse) {
        return new Mobile(Mode.ASKED, title, body, collapse);
    }

    /** Whether a push to this target may reach phones at all. */
    public boolean wanted(Target target) {
        return switch (mode) {
            case OFF -> false;
            case ASKED -> true;
            case DEFAULT -> target instanceof Target.Uid || target instanceof Target.Uids;
        };
    }
}
