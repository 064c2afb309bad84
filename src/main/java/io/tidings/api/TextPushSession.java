package io.tidings.api;

import io.tidings.push.Receipt;
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
final class TextPushSession {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL = "fail\n".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final OutputStream out;
    private final int maxLine;
    private final Pusher pusher;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    TextPushSession(InputStream in, OutputStream out, int maxLine, Pusher pusher) {
        this.in = new BufferedInputStream(in);
        this.out = out;
        this.maxLine = maxLine;
        this.pusher = pusher;
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

    private boolean answer() {
        if (line.size() > maxLine) {
            pusher.rejected();
            return false;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            Receipt receipt = pusher.pushVerbatim(text);
            return receipt.delivered() > 0;
        } catch (CharacterCodingException | ApiException e) {
            pusher.rejected();
            return false;
        }
    }
}
