package io.tidings.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/** RFC 6455 client frames: FIN set, never fragmented, masked as the RFC requires of a client. */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Frames() {
    }

    /** Largest header a client frame can have: 2 + 8 length bytes + 4 mask bytes. */
    static final int MAX_HEADER = 14;

    static void encode(ByteBuffer out, int opcode, byte[] payload, int offset, int length) {
        out.put((byte) (0x80 | opcode));
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127));
            out.putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        out.putInt(mask);
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
    }

    /** A close frame's payload: the code, big-endian, and no reason text. */
    static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >>> 8), (byte) code};
    }
}
