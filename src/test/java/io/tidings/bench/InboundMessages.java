package io.tidings.bench;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reassembles a session's inbound messages: fragments, and permessage-deflate (RFC 7692) when the server
 * accepted the offer. The inflater is made on the first compressed message, so a deflate session that never
 * receives one costs the client nothing extra.
 */
final class InboundMessages {
    static final int ERROR = -1;
    static final int MORE = 0;
    static final int COMPLETE = 1;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean deflate;
    private final boolean resetAfterMessage;
    private Inflater inflater;
    private ByteArrayOutputStream fragments;
    private boolean fragmentsCompressed;
    private byte[] array;
    private int offset;
    private int length;

    InboundMessages(boolean deflate, boolean resetAfterMessage) {
        this.deflate = deflate;
        this.resetAfterMessage = resetAfterMessage;
    }

    /** Takes one data frame; when it completes a message, that message is at array/offset/length. */
    int frame(int opcode, boolean fin, boolean compressed, byte[] data, int at, int size, ClientLoop loop) {
        if (compressed && (!deflate || opcode == Frames.CONTINUATION)) {
            return ERROR;
        }
        if (opcode == Frames.CONTINUATION) {
            if (fragments == null) {
                return ERROR;
            }
            fragments.write(data, at, size);
            if (!fin) {
                return MORE;
            }
            byte[] whole = fragments.toByteArray();
            fragments = null;
            return complete(whole, 0, whole.length, fragmentsCompressed, loop);
        }
        if (fragments != null) {
            return ERROR;
        }
        if (!fin) {
            fragments = new ByteArrayOutputStream();
            fragments.write(data, at, size);
            fragmentsCompressed = compressed;
            return MORE;
        }
        return complete(data, at, size, compressed, loop);
    }

    private int complete(byte[] data, int at, int size, boolean compressed, ClientLoop loop) {
        if (!compressed) {
            array = data;
            offset = at;
            length = size;
            return COMPLETE;
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        byte[] input = new byte[size + TAIL.length];
        System.arraycopy(data, at, input, 0, size);
        System.arraycopy(TAIL, 0, input, size, TAIL.length);
        inflater.setInput(input);
        byte[] out = loop.inflateScratch(0);
        int total = 0;
        try {
            while (true) {
                int n = inflater.inflate(out, total, out.length - total);
                total += n;
                if (total == out.length) {
                    out = loop.inflateScratch(out.length * 2);
                } else if (n == 0) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            return ERROR;
        }
        if (resetAfterMessage) {
            inflater.reset();
        }
        array = out;
        offset = 0;
        length = total;
        return COMPLETE;
    }

    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
