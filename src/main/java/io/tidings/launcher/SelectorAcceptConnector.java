package io.tidings.launcher;

import io.tidings.launcher.websocket.HandshakeEndPoint;
import io.tidings.limit.LogLimiter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's connector, except that an accepted socket's endpoint and connection are set up on the selector thread
 * that registers it, instead of in a task handed to a pool thread. Jetty hands it off because a connection's
 * set-up may be slow (a TLS engine); an HTTP/1.1 connection's is a few allocations, and in a reconnect storm the
 * hand-off (a pool thread woken per connection) cost more than the set-up itself. A failing accept (the process
 * out of file descriptors) is retried each second as Jetty does, but logged once a minute, without Jetty's stack
 * trace each time. Its sockets can hold a WebSocket handshake's 101 back until the session's first frame
 * ({@link HandshakeEndPoint}).
 */
final class SelectorAcceptConnector extends ServerConnector {
    private static final LogLimiter ACCEPT_FAILURES = new LogLimiter(
            System.getLogger(SelectorAcceptConnector.class.getName()), Duration.ofMinutes(1));
    private static final Duration ACCEPT_RETRY = Duration.ofSeconds(1);

    SelectorAcceptConnector(Server server, ConnectionFactory http) {
        super(server, http);
    }

    @Override
    protected boolean handleAcceptFailure(Throwable failure) {
        if (!isRunning() || failure instanceof InterruptedException || failure instanceof ClosedByInterruptException) {
            return super.handleAcceptFailure(failure);
        }
        ACCEPT_FAILURES.log(System.Logger.Level.WARNING, () -> "accepting connections failed: " + failure
                + ("Too many open files".equals(failure.getMessage()) ? "; the process is out of file descriptors"
                + " (see the warning at startup): raise its limit (ulimit -n) or lower TIDINGS_MAX_CONNECTIONS" : ""));
        try {
            Thread.sleep(ACCEPT_RETRY.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected void execute(Runnable task) {
                // On a server connector the only task that is also a selector update is the registration of an
                // accepted socket, which Jetty runs from that update, on the selector thread.
                if (task instanceof ManagedSelector.SelectorUpdate) {
                    task.run();
                } else {
                    super.execute(task);
                }
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        HandshakeEndPoint endPoint = new HandshakeEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
