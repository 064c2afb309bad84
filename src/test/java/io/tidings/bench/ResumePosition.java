package io.tidings.bench;

import java.nio.charset.StandardCharsets;

/**
 * Where a session stands in its own stream, followed from what it receives without a JSON parser (a cluster
 * bench's sessions reconnect with it, as tidings.js does): the welcome's and each stored frame's "seq" and
 * "epoch" (frames of a group's or everyone's stream, which carry "group", are not its own), and whether a resume
 * recovered. Written by the session's loop thread; read by the bench once the loops are quiet.
 */
final class ResumePosition {
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EPOCH = "\"epoch\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GROUP = "\"group\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESUMED = "{\"event\":\"resumed\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECOVERED = "\"recovered\":true".getBytes(StandardCharsets.US_ASCII);

    private volatile long seq = -1;
    private volatile String epoch;
    private volatile int resumed;
    private volatile boolean recovered;

    void follow(byte[] data, int offset, int length) {
        int end = offset + length;
        if (startsWith(data, offset, end, RESUMED)) {
            resumed++;
            recovered = indexOf(data, offset, end, RECOVERED) >= 0;
        }
        if (indexOf(data, offset, end, GROUP) >= 0) {
            return;
        }
        int at = indexOf(data, offset, end, SEQ);
        int epochAt = indexOf(data, offset, end, EPOCH);
        if (at < 0 || epochAt < 0) {
            return;
        }
        long value = 0;
        for (int i = at + SEQ.length; i < end && data[i] >= '0' && data[i] <= '9'; i++) {
            value = value * 10 + (data[i] - '0');
        }
        int from = epochAt + EPOCH.length;
        int to = from;
        while (to < end && data[to] != '"') {
            to++;
        }
        epoch = new String(data, from, to - from, StandardCharsets.US_ASCII);
        seq = Math.max(seq, value);
    }

    long seq() {
        return seq;
    }

    String epoch() {
        return epoch;
    }

    /** How many resumed frames arrived, and whether the last said recovered. */
    int resumed() {
        return resumed;
    }

    boolean recovered() {
        return recovered;
    }

    /** The query a reconnect resumes with: {@code &since=S&epoch=E}. */
    String resumeQuery() {
        return "&since=" + seq + "&epoch=" + epoch;
    }

    private static boolean startsWith(byte[] data, int offset, int end, byte[] prefix) {
        if (end - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
