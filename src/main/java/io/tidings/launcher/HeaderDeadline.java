package io.tidings.launcher;

import io.tidings.limit.LogLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's HTTP/1.1 connections with a deadline for a request's headers: once a read has brought part of a
 * request's headers, the rest must arrive within TIDINGS_REQUEST_TIMEOUT, or the connection is closed. Jetty's
 * idle timeout cannot do it alone: every byte resets it, so a client sending a header byte a second (slowloris)
 * kept its connection as long as it liked. A request whose headers come in one read, as nearly all do, arms
 * nothing: the hot path pays one look at the parser's state per read.
 */
final class HeaderDeadline extends HttpConnectionFactory {
    private static final System.Logger LOG = System.getLogger(HeaderDeadline.class.getName());
    private static final LogLimiter CLOSES = new LogLimiter(LOG, Duration.ofMinutes(1));

    private final Duration timeout;

    HeaderDeadline(HttpConfiguration configuration, Duration timeout) {
        super(configuration);
        this.timeout = timeout;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Guarded connection = new Guarded(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private final class Guarded extends HttpConnection {
        // Guarded by this.
        private Scheduler.Task deadline;
        private long armedFor;

        Guarded(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        @Override
        public void onFillable() {
            super.onFillable();
            if (headersUnfinished()) {
                arm();
            }
        }

        private boolean headersUnfinished() {
            HttpParser parser = getParser();
            return parser.inHeaderState() && !parser.isStart();
        }

        /** Once per request: the requests whose headers completed so far tell one request from the next. */
        private synchronized void arm() {
            long request = getMessagesIn();
            if (deadline != null && armedFor == request) {
                return;
            }
            if (deadline != null) {
                deadline.cancel();
            }
            armedFor = request;
            deadline = getConnector().getScheduler().schedule(() -> expire(request), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void expire(long request) {
            synchronized (this) {
                deadline = null;
            }
            if (getMessagesIn() == request && headersUnfinished()) {
                CLOSES.log(System.Logger.Level.INFO, () -> "closed a connection from "
                        + getEndPoint().getRemoteSocketAddress() + " whose request headers took longer than "
                        + timeout.toSeconds() + " s (TIDINGS_REQUEST_TIMEOUT)");
                getEndPoint().close();
            }
        }

        @Override
        public void onClose(Throwable cause) {
            super.onClose(cause);
            Scheduler.Task pending;
            synchronized (this) {
                pending = deadline;
                deadline = null;
            }
            if (pending != null) {
                pending.cancel(); // lets go of the connection now, not when the deadline would have come
            }
        }
    }
}
