package io.tidings.testing.container;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one servlet container and deploys WARs into it. The only type shared between the test class loader
 * and a container's own class loader (see {@link ContainerLoader}), so its methods use JDK types only.
 */
public interface ContainerBoot extends AutoCloseable {
    /** Starts the server on a free loopback port, with no application yet. */
    void start(Path workDir) throws Exception;

    /**
     * Deploys the WAR under the context path ("/tidings") with these servlet context parameters. Returns the
     * application's base URL (http://127.0.0.1:PORT/tidings/), or null when the container reports that its
     * deployment failed.
     */
    URI deploy(Path war, String contextPath, Map<String, String> contextParameters) throws Exception;

    /** Undeploys the application at that context path (as an operator's undeploy or redeploy would). */
    void undeploy(String contextPath) throws Exception;

    /** Undeploys everything and stops the server. */
    @Override
    void close() throws Exception;
}
