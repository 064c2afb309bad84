package io.tidings.launcher;

import io.tidings.Tidings;
import io.tidings.api.PushEndpoint;
import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.config.SessionPolicy;
import io.tidings.config.TidingsConfig;
import io.tidings.launcher.websocket.WebSocketUpgrade;
import io.tidings.textpush.TextPushPort;
import io.tidings.war.TidingsInitializer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Tidings on embedded Jetty 12. It starts Tidings (and the text push port) itself; the backend API and
 * {@code webapp/} are served by the same {@link TidingsInitializer} a WAR runs, in a plain servlet context.
 * WebSockets go, by default, through Tidings' own connection on Jetty's sockets in front of that context
 * ({@link SelectorFront}, {@link WebSocketUpgrade}), or with TIDINGS_EMBEDDED_WEBSOCKET=jakarta (or compression
 * on) through the Jakarta endpoint exactly as in a WAR. Only this package tree knows Jetty.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** Connections waiting to be accepted; Java's default of 50 overflows in a connection storm. */
    private static final int ACCEPT_QUEUE = 4096;

    private final Server server;
    private final ServletContextHandler context;
    private final ServerConnector connector;
    private final Tidings tidings;
    private final TextPushPort textPush;

    private EmbeddedServer(ServerSettings settings, Tidings tidings, TextPushPort textPush, Path webRoot) {
        this.tidings = tidings;
        this.textPush = textPush;
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("tidings-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // No "Server: Jetty(12.x.y)" on every answer: it tells a scanner which CVEs to try, and nobody else needs it.
        http.setSendServerVersion(false);
        connector = new SelectorAcceptConnector(server, new HeaderDeadline(http, settings.requestTimeout()));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // A stalled body, or a keep-alive connection with no next request; a WebSocket sets its own.
        connector.setIdleTimeout(settings.requestTimeout().toMillis());
        server.addConnector(connector);

        context = new ServletContextHandler("/");
        if (webRoot != null && Files.isDirectory(webRoot)) {
            context.setBaseResourceAsPath(webRoot.toAbsolutePath());
            context.addServlet(DefaultServlet.class, "/");
        }
        Handler app = context;
        TidingsConfig config = tidings.config();
        if (settings.transportFor(config) == ServerSettings.Transport.JAKARTA) {
            JakartaWebSocketServletContainerInitializer.configure(context, null);
            context.addServletContainerInitializer(TidingsInitializer.around(tidings, true));
        } else {
            context.addServletContainerInitializer(TidingsInitializer.around(tidings, false));
            int perUid = config.sessionPolicy() == SessionPolicy.NEWEST ? 1 : config.limits().maxSessionsPerUid();
            SelectorPush push = new SelectorPush(PushEndpoint.of(tidings), task -> threads.execute(task), perUid);
            app = new SelectorFront(WebSocketUpgrade.paths(tidings.sessions(), tidings.chatSessions()), push, context);
        }
        if (settings.chatPort() > 0) {
            // The same deadline for an upgrade's headers as on the main port (a WebSocket sets its own idle time).
            app = ChatPort.around(server, new HeaderDeadline(http, settings.requestTimeout()), settings.host(),
                    settings.chatPort(), tidings.chatSessions(), app);
        }
        // On stop, connectors stop accepting and in-flight requests (an API push half sent) may finish,
        // for at most the stop timeout.
        server.setHandler(new GracefulHandler(app));
        server.setStopTimeout(10_000);
        if (settings.requestLog()) {
            // %U is the path without the query string: tokens travel in the query and must never be logged.
            server.setRequestLog(new CustomRequestLog(new Slf4jRequestLogWriter(),
                    "%{client}a - %t \"%m %U %H\" %s %O %{ms}Tms"));
        }
    }

    /**
     * Reads the shared and the launcher's settings with one loader (a bad one of either kind is reported with
     * all the others) and starts.
     */
    public static EmbeddedServer start(ConfigLoader loader, Path webRoot) throws Exception {
        TidingsConfig config = loader.read();
        ServerSettings settings = ServerSettings.read(loader, config.dev());
        loader.check();
        return start(settings, settings.nameNode(config), webRoot);
    }

    /** Starts Tidings, its text push port and Jetty; a port of 0 binds a free one (see {@link #port()}). */
    public static EmbeddedServer start(ServerSettings settings, TidingsConfig config, Path webRoot)
            throws Exception {
        if (settings.chatPort() > 0 && !config.chat().enabled()) {
            throw new ConfigException(List.of("TIDINGS_CHAT_PORT is set but TIDINGS_CHAT is off: turn chat on, or"
                    + " leave the port at 0"));
        }
        Tidings tidings = Tidings.start(config);
        TextPushPort textPush;
        try {
            textPush = TextPushPort.startIfEnabled(config, tidings.delivery(), tidings.metrics());
        } catch (RuntimeException e) {
            tidings.close();
            throw e;
        }
        if (textPush != null) {
            tidings.attach(textPush);
        }
        EmbeddedServer embedded = new EmbeddedServer(settings, tidings, textPush, webRoot);
        try {
            embedded.server.start();
        } catch (Exception e) {
            embedded.close();
            throw e;
        }
        if (embedded.context.isFailed()) {
            embedded.close();
            throw new IllegalStateException("Tidings did not start; see the log above");
        }
        return embedded;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The chat port (TIDINGS_CHAT_PORT), or 0 when there is none. */
    public int chatPort() {
        for (org.eclipse.jetty.server.Connector other : server.getConnectors()) {
            if (other != connector && other instanceof ServerConnector chat) {
                return chat.getLocalPort();
            }
        }
        return 0;
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
        return tidings;
    }

    /** Seed 001's text push port, or null when TIDINGS_TEXT_PUSH_PORT is 0. */
    public TextPushPort textPush() {
        return textPush;
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
        tidings.closeSessions();
        try {
            server.stop();
        } finally {
            tidings.close(); // the inbox once the requests in flight are done
        }
    }
}
