package io.tidings.launcher.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The deadline of a closing connection: once either side has begun the close handshake, the connection ends
 * within {@link #PERIOD} whatever the peer does. An idle timeout cannot promise that, since every byte the peer
 * sends resets it; and a session reported closed no longer counts against the connection limits, so it must
 * not linger. Ending the connection early cancels the deadline, which lets go of the connection's memory.
 */
final class CloseGrace {
    /** How long a peer may take to finish the close handshake. */
    static final Duration PERIOD = Duration.ofSeconds(10);
    /**
     * How many frames a peer may still send after our close frame, instead of answering it, before the
     * connection is dropped at once: a client that keeps talking loses its connection (and admission slot) soon.
     */
    static final int FRAMES = 32;

    private final Scheduler scheduler;
    private final Runnable abort;
    private Scheduler.Task deadline;
    private boolean ended;

    CloseGrace(Scheduler scheduler, Runnable abort) {
        this.scheduler = scheduler;
        this.abort = abort;
    }

    /** Starts the deadline, once; nothing if the connection already ended. */
    synchronized void start() {
        if (!ended && deadline == null) {
            deadline = scheduler.schedule(abort, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The connection ended. */
    void ended() {
        Scheduler.Task pending;
        synchronized (this) {
            ended = true;
            pending = deadline;
            deadline = null;
        }
        if (pending != null) {
            pending.cancel();
        }
    }
}
