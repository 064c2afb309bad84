package io.tidings.launcher.websocket;

import io.tidings.session.QueuedConnection;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The deadline of a closing connection: once either side has begun the close handshake, the connection ends
 * within {@link QueuedConnection#CLOSE_GRACE} whatever the peer does. An idle timeout cannot promise that, since every byte the peer
 * sends resets it; and a session reported closed no longer counts against the connection limits, so it must
 * not linger. Ending the connection early cancels the deadline, which lets go of the connection's memory.
 */
final class CloseGrace {
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
            deadline = scheduler.schedule(abort, QueuedConnection.CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
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
