package io.tidings.textpush;

import io.tidings.auth.UidFormat;
import io.tidings.json.JsonInput;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import io.tidings.push.Target;
import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * One text push connection: reads newline-terminated lines of at most maxLine bytes and answers each with
 * "ok\n" or "fail\n", in order. As in Workerman's Text protocol a trailing "\r" is dropped. A line that is too
 * long is skipped up to its newline and answered "fail", so the connection stays in step.
 */
final class LineSession {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL = "fail\n".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final OutputStream out;
    private final int maxLine;
    private final DeliveryService delivery;
    private final Metrics metrics;
    private final JsonInput json;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineSession(InputStream in, OutputStream out, int maxLine, DeliveryService delivery, Metrics metrics,
            JsonInput json) {
        this.in = new BufferedInputStream(in);
        this.out = out;
        this.maxLine = maxLine;
        this.delivery = delivery;
        this.metrics = metrics;
        this.json = json;
    }

    /** Serves lines until the peer closes the connection. */
    void run() throws IOException {
        while (readLine()) {
            out.write(answer() ? OK : FAIL);
            out.flush();
        }
    }

    /** Reads up to the next newline into {@link #line}; false at the end of the stream. */
    private boolean readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return false;
            }
            // One byte past the limit marks the line as too long; the rest is read and dropped.
            if (line.size() <= maxLine) {
                line.write(b);
            }
        }
        return true;
    }

    /**
     * Seed 001's text push: the line must be a JSON object whose "uid" names the recipient; the line itself is
     * what the uid's sessions receive. True when it was written to at least one session.
     */
    private boolean answer() {
        if (line.size() > maxLine) {
            metrics.pushRefused();
            return false;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        String uid;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            uid = json.parse(text) instanceof JsonObject object ? UidFormat.fromJson(object.get("uid")) : null;
        } catch (CharacterCodingException | JsonInput.Invalid e) {
            uid = null;
            text = null;
        }
        if (uid == null) {
            metrics.pushRefused();
            return false;
        }
        int delivered = delivery.deliverVerbatim(new Target.Uid(uid), text).join().delivered();
        metrics.pushed(delivered);
        return delivered > 0;
    }
}
