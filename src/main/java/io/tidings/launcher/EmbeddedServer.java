package io.tidings.launcher;

import io.tidings.Tidings;
import io.tidings.config.EmbeddedWebSocket;
import io.tidings.config.TidingsConfig;
import io.tidings.war.TidingsInitializer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Tidings on embedded Jetty 12. The backend API and {@code webapp/} are served by the same
 * {@link TidingsInitializer} a WAR runs, in a plain servlet context; WebSockets go, by default, through Tidings'
 * own connection on Jetty's sockets in front of that context ({@link DirectUpgrade}), through Jetty's WebSocket
 * core ({@link CoreWebSocket}: TIDINGS_EMBEDDED_WEBSOCKET=core, or compression on), or with
 * TIDINGS_EMBEDDED_WEBSOCKET=jakarta through the Jakarta endpoint exactly as in a WAR. Only this package knows
 * Jetty.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** Connections waiting to be accepted; Java's default of 50 overflows in a connection storm. */
    private static final int ACCEPT_QUEUE = 4096;
    private static final String ATTRIBUTE = Tidings.class.getName();

    private final Server server;
    private final ServletContextHandler context;
    private final ServerConnector connector;
    private final Tidings coreTidings;

    private EmbeddedServer(TidingsConfig config, Path webRoot) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("tidings-http");
        server = new Server(threads);
        connector = new SelectorAcceptConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // No "Server: Jetty(12.x.y)" on every answer: it tells a scanner which CVEs to try, and nobody else needs it.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setSendServerVersion(false);
        server.addConnector(connector);

        context = new ServletContextHandler("/");
        if (webRoot != null && Files.isDirectory(webRoot)) {
            context.setBaseResourceAsPath(webRoot.toAbsolutePath());
            context.addServlet(DefaultServlet.class, "/");
        }
        Handler app = context;
        EmbeddedWebSocket transport = transportFor(config);
        if (transport == EmbeddedWebSocket.JAKARTA) {
            coreTidings = null;
            JakartaWebSocketServletContainerInitializer.configure(context, null);
            context.addServletContainerInitializer(new TidingsInitializer(config));
        } else {
            coreTidings = Tidings.start(config);
            context.addServletContainerInitializer(TidingsInitializer.apiOnly(coreTidings));
            app = transport == EmbeddedWebSocket.DIRECT ? new DirectUpgrade(coreTidings, context)
                    : CoreWebSocket.in(coreTidings, context);
        }
        // On stop, connectors stop accepting and in-flight requests (an API push half sent) may finish,
        // for at most the stop timeout.
        server.setHandler(new GracefulHandler(app));
        server.setStopTimeout(10_000);
        if (Boolean.getBoolean("tidings.request.log") || "true".equalsIgnoreCase(System.getenv("TIDINGS_REQUEST_LOG"))) {
            // %U is the path without the query string: tokens travel in the query and must never be logged.
            server.setRequestLog(new CustomRequestLog(new Slf4jRequestLogWriter(),
                    "%{client}a - %t \"%m %U %H\" %s %O %{ms}Tms"));
        }
    }

    /** The direct transport negotiates no extension: with compression on, Jetty's core does the deflating. */
    private static EmbeddedWebSocket transportFor(TidingsConfig config) {
        return config.embeddedWebSocket() == EmbeddedWebSocket.DIRECT && config.compression()
                ? EmbeddedWebSocket.CORE : config.embeddedWebSocket();
    }

    /** Starts Jetty with Tidings; a port of 0 binds a free one (see {@link #port()}). */
    public static EmbeddedServer start(TidingsConfig config, Path webRoot) throws Exception {
        EmbeddedServer embedded = new EmbeddedServer(config, webRoot);
        try {
            embedded.server.start();
        } catch (Exception e) {
            embedded.close();
            throw e;
        }
        if (embedded.context.isFailed() || embedded.context.getServletContext().getAttribute(ATTRIBUTE) == null) {
            embedded.close();
            throw new IllegalStateException("Tidings did not start; see the log above");
        }
        return embedded;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** http://host:port/ as a client on this machine would reach it. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** TCP connections open on the connector right now, sessions and HTTP alike (a closing one included). */
    public int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    public Tidings tidings() {
        return coreTidings != null ? coreTidings : (Tidings) context.getServletContext().getAttribute(ATTRIBUTE);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Graceful shutdown (the launcher runs it on SIGTERM): refuses new sessions and closes every live one with
     * 1001, then stops accepting connections and lets in-flight HTTP requests finish, within ten seconds.
     */
    @Override
    public void close() throws Exception {
        Tidings tidings = tidings();
        if (tidings != null) {
            tidings.close();
        }
        server.stop();
    }
}
