package io.tidings.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.testing.Chromium;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import io.tidings.war.TidingsInitializer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages deployed the way a WAR named tidings.war is: under the context path /tidings. Every URL they use
 * (tidings.js, the WebSocket, healthz, api/push, dev/token) must be relative to that, never to "/".
 */
class ContextPathBrowserTest {
    static final String CONTEXT = "/tidings";
    static Chromium chromium;
    static Server jetty;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.startIfInstalled();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        // What a container does with the WAR: web root files, the WebSocket container, our initializer.
        ServletContextHandler context = new ServletContextHandler(CONTEXT);
        context.setBaseResourceAsPath(Path.of("webapp").toAbsolutePath());
        context.addServlet(DefaultServlet.class, "/");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.setInitParameter("TIDINGS_KEY", TestServer.KEY);
        context.setInitParameter("TIDINGS_API_KEY", TestServer.API_KEY);
        context.setInitParameter("TIDINGS_INBOX", "memory");
        context.addServletContainerInitializer(new TidingsInitializer());
        jetty.setHandler(context);
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/");
    }

    @BeforeEach
    void needsChromium() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theDemoAndTheConsoleWorkUnderAContextPath() throws Exception {
        chromium.open(base + "?uid=150&token=" + TestServer.jwt("150", Duration.ofMinutes(5)));
        chromium.awaitStatus("online");

        try (WsClient other = WsClient.connect(URI.create("ws://" + base.getAuthority() + CONTEXT
                + "/ws?token=" + TestServer.jwt("151", Duration.ofMinutes(5))))) {
            chromium.open(base + "console.html?every=500");
            chromium.await(() -> "two sessions (shows " + chromium.text("session-count") + ")",
                    d -> "2".equals(chromium.text("session-count")));
            other.send("{\"event\":\"ping\"}");
            assertEquals("pong", other.nextJson().getString("event"));
        } finally {
            chromium.closeWindows();
        }
    }
}
