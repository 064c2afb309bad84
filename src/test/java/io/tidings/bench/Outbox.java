package io.tidings.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A session's unsent bytes: what the socket does not take at once waits here until it is writable again. */
final class Outbox {
    private ByteBuffer pending;

    /** Writes the bytes now, or after what is already waiting. */
    void write(SocketChannel channel, SelectionKey key, ByteBuffer out) throws IOException {
        if (pending != null) {
            pending = append(pending, out);
            return;
        }
        channel.write(out);
        if (out.hasRemaining()) {
            pending = append(null, out);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** The socket is writable: sends what waits, and stops asking once nothing does. */
    void flush(SocketChannel channel, SelectionKey key) throws IOException {
        if (pending == null) {
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        channel.write(pending);
        if (!pending.hasRemaining()) {
            pending = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void clear() {
        pending = null;
    }

    private static ByteBuffer append(ByteBuffer waiting, ByteBuffer more) {
        int before = waiting == null ? 0 : waiting.remaining();
        ByteBuffer joined = ByteBuffer.allocate(before + more.remaining());
        if (waiting != null) {
            joined.put(waiting);
        }
        joined.put(more).flip();
        return joined;
    }
}
