package io.tidings.textpush;

import io.tidings.config.TidingsConfig;
import io.tidings.json.JsonInput;
import io.tidings.metrics.Metrics;
import io.tidings.push.DeliveryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed 001's internal text push port, for backends written against Workerman: a plain TCP listener
 * (TIDINGS_TEXT_PUSH_PORT, off by default, on TIDINGS_TEXT_PUSH_HOST, loopback by default) where each line
 * {"uid":U, ...} is delivered verbatim to U's sessions and answered "ok\n" (written to at least one session)
 * or "fail\n". No authentication, as in the seed: keep it on loopback or a private network.
 * <p>
 * One thread per connection, at most {@link #MAX_CONNECTIONS} (more are closed at once), so a slow or silent
 * client never holds up another; a connection may send many lines (PHP's persistent sockets do) and is closed
 * after {@link #IDLE_MILLIS} without a complete line. The embedded launcher and the WAR initializer start it.
 */
public final class TextPushPort implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;
    static final int IDLE_MILLIS = 300_000;
    private static final System.Logger LOG = System.getLogger(TextPushPort.class.getName());

    private final ServerSocket listener;
    private final DeliveryService delivery;
    private final Metrics metrics;
    private final JsonInput json = new JsonInput(JsonInput.BACKEND_MAX_DEPTH);
    private final int maxLine;
    private final ThreadPoolExecutor workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private TextPushPort(ServerSocket listener, DeliveryService delivery, Metrics metrics, int maxLine) {
        this.listener = listener;
        this.delivery = delivery;
        this.metrics = metrics;
        this.maxLine = maxLine;
        this.workers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads());
        this.acceptor = new Thread(this::acceptLoop, "tidings-textpush-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Listens on TIDINGS_TEXT_PUSH_HOST:TIDINGS_TEXT_PUSH_PORT, or returns null when the port is 0 (off); fails
     * naming the setting when it cannot listen.
     */
    public static TextPushPort startIfEnabled(TidingsConfig config, DeliveryService delivery, Metrics metrics) {
        if (config.textPushPort() == 0) {
            return null;
        }
        String host = config.textPushHost();
        int port = config.textPushPort();
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("TIDINGS_TEXT_PUSH_PORT: cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        TextPushPort textPush = new TextPushPort(listener, delivery, metrics, config.apiLimits().maxBody());
        textPush.acceptor.start();
        return textPush;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                try {
                    workers.execute(() -> serve(socket));
                } catch (RejectedExecutionException full) {
                    quietlyClose(socket);
                }
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "text push port: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            socket.setTcpNoDelay(true);
            new LineSession(socket.getInputStream(), socket.getOutputStream(), maxLine, delivery, metrics, json).run();
        } catch (SocketException e) {
            // closed by the peer, by the idle timeout or by shutdown: nothing to answer any more
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "text push connection ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "text push connection failed", e);
        } finally {
            open.remove(socket);
        }
    }

    /** Stops listening and closes every connection; a line caught mid-delivery goes unanswered. */
    @Override
    public void close() {
        quietlyClose(listener);
        open.forEach(TextPushPort::quietlyClose);
        workers.shutdownNow();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemons: a stuck client never holds the JVM up. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tidings-textpush-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void quietlyClose(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
