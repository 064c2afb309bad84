package io.tidings.testing.container.boot;

import io.tidings.testing.container.ContainerBoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat (10.1 or 11: whichever jars the class loader holds) deploying the WAR file as Tomcat's host
 * deployer would: unpacked under the work directory, web.xml and ServletContainerInitializers processed by
 * ContextConfig, context parameters set on the Context before it starts (the programmatic twin of a
 * context.xml {@code <Parameter>}). Runs inside the container's own class loader.
 */
public final class TomcatBoot implements ContainerBoot {
    private final Tomcat tomcat = new Tomcat();
    private int port;

    @Override
    public void start(Path workDir) throws Exception {
        tomcat.setBaseDir(workDir.toString());
        // Web applications see what Tomcat's common loader holds (the container), never the JVM's class path.
        tomcat.getServer().setParentClassLoader(TomcatBoot.class.getClassLoader());
        Files.createDirectories(workDir.resolve("webapps"));
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.start();
        port = connector.getLocalPort();
    }

    @Override
    public URI deploy(Path war, String contextPath, Map<String, String> contextParameters) {
        Context context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(war.toString());
        // Tomcat's conf/web.xml minus JSP (Jasper is not installed): default servlet, MIME types, welcome files.
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet").setLoadOnStartup(1);
                context.addServletMappingDecoded("/", "default");
                Tomcat.addDefaultMimeTypeMappings(context);
                context.addWelcomeFile("index.html");
            }
        });
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        contextParameters.forEach(context::addParameter);
        tomcat.getHost().addChild(context);
        boolean up = context.getState() == LifecycleState.STARTED;
        return up ? URI.create("http://127.0.0.1:" + port + contextPath + "/") : null;
    }

    @Override
    public void undeploy(String contextPath) {
        org.apache.catalina.Container context = tomcat.getHost().findChild(contextPath);
        if (context != null) {
            tomcat.getHost().removeChild(context);
        }
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
