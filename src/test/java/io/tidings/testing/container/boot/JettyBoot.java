package io.tidings.testing.container.boot;

import io.tidings.testing.container.ContainerBoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Jetty 12 (EE10) as a standalone Jetty deploys a WAR: a WebAppContext on the WAR file, with the
 * configurations found on the container's class path (annotations, hence ServletContainerInitializers, and
 * Jakarta WebSocket). Runs inside the container's own class loader.
 */
public final class JettyBoot implements ContainerBoot {
    private final Server server = new Server();
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private Path workDir;
    private int port;

    @Override
    public void start(Path workDir) throws Exception {
        this.workDir = workDir;
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(contexts);
        server.setStopTimeout(5_000);
        server.start();
        port = connector.getLocalPort();
    }

    @Override
    public URI deploy(Path war, String contextPath, Map<String, String> contextParameters) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(war.toString());
        Path temp = Files.createDirectories(workDir.resolve("webapp" + contextPath.replace('/', '-')));
        webapp.setTempDirectory(temp.toFile());
        contextParameters.forEach(webapp::setInitParameter);
        contexts.addHandler(webapp);
        if (!webapp.isStarted()) {
            webapp.start();
        }
        boolean up = webapp.isAvailable() && webapp.getUnavailableException() == null;
        return up ? URI.create("http://127.0.0.1:" + port + contextPath + "/") : null;
    }

    @Override
    public void undeploy(String contextPath) throws Exception {
        for (WebAppContext webapp : contexts.getDescendants(WebAppContext.class)) {
            if (webapp.getContextPath().equals(contextPath)) {
                webapp.stop();
                contexts.removeHandler(webapp);
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
