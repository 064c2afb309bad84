package io.tidings.launcher.websocket;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket that can hold its 101 back until the session's first frame, so that both leave in one write. A new
 * event session's first frame is its welcome, which waits for the stream's head from the inbox; written apart,
 * the 101 and the welcome cost two system calls and two deliveries (segments) per connect, to the server and to
 * the client, where one does. Held bytes are copied (Jetty reuses its header buffer once told the write
 * succeeded) and leave ahead of the next write, whatever it is: the welcome, or a close frame when the session is
 * refused. Only a session sure to write soon is held: the upgrade asks for
 * it only where a welcome follows (an event session with an inbox), and a welcome that waits for a stalled store
 * holds it at most {@link #HOLD_LIMIT} (then a ping takes it out: {@link HandshakeWatch}), so that a client's own
 * handshake timeout never fires for it.
 */
public final class HandshakeEndPoint extends SocketChannelEndPoint {
    private static final byte[] SWITCHING = "HTTP/1.1 101 ".getBytes(StandardCharsets.US_ASCII);

    /** The longest a 101 waits for the session's first frame. */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(1);

    /** Set by the upgrade, on the thread Jetty runs it on, right before the 101 is handed to Jetty's write. */
    private volatile boolean holdNext;
    private final AtomicReference<ByteBuffer> held = new AtomicReference<>();

    public HandshakeEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** The next write (the 101) is held until the one after it. */
    void holdNextWrite() {
        holdNext = true;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        if (holdNext) {
            holdNext = false;
            if (!isSwitchingProtocols(buffers)) {
                super.write(callback, buffers); // Jetty answered something else after all: nothing is held
                return;
            }
            held.set(copy(buffers));
            callback.succeeded();
            return;
        }
        ByteBuffer before = held.get() == null ? null : held.getAndSet(null);
        if (before == null) {
            super.write(callback, buffers);
        } else {
            ByteBuffer[] both = new ByteBuffer[buffers.length + 1];
            both[0] = before;
            System.arraycopy(buffers, 0, both, 1, buffers.length);
            super.write(callback, both);
        }
    }

    /** Whether a 101 waits here still. */
    boolean holding() {
        return holdNext || held.get() != null;
    }

    private static boolean isSwitchingProtocols(ByteBuffer[] buffers) {
        if (buffers.length == 0 || buffers[0].remaining() < SWITCHING.length) {
            return false;
        }
        for (int i = 0; i < SWITCHING.length; i++) {
            if (buffers[0].get(buffers[0].position() + i) != SWITCHING[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer copy(ByteBuffer[] buffers) {
        int size = 0;
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        for (ByteBuffer buffer : buffers) {
            copy.put(buffer);
        }
        return copy.flip();
    }
}
