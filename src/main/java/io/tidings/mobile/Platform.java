package io.tidings.mobile;

import java.util.Locale;

/** The push services a device is registered with; the label is its name on the wire and in the metrics. */
public enum Platform {
    APNS, FCM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform a label names, or null. */
    public static Platform of(String label) {
        for (Platform platform : values()) {
            if (platform.label().equals(label)) {
                return platform;
            }
        }
        return null;
    }
}
