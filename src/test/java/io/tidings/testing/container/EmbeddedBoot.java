package io.tidings.testing.container;

import io.tidings.config.ConfigException;
import io.tidings.config.ConfigLoader;
import io.tidings.launcher.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference the containers are held to: the embedded launcher ({@code scripts/run}), one server per
 * "deployment", on the test class path. It serves at the root, so the context path is ignored; a settings
 * error stops it as it stops {@code scripts/run}, with the message naming the setting.
 */
final class EmbeddedBoot implements ContainerBoot {
    private static final System.Logger LOG = System.getLogger("io.tidings.launcher");
    private final Map<String, EmbeddedServer> servers = new LinkedHashMap<>();

    @Override
    public void start(Path workDir) {
        // Nothing to start before the first deployment: each is a server of its own.
    }

    @Override
    public URI deploy(Path war, String contextPath, Map<String, String> contextParameters) throws Exception {
        Map<String, String> settings = new HashMap<>(contextParameters);
        settings.put("TIDINGS_PORT", "0");
        settings.put("TIDINGS_HOST", "127.0.0.1");
        try {
            EmbeddedServer server = EmbeddedServer.start(ConfigLoader.fromMap(settings), Path.of("webapp"));
            servers.put(contextPath, server);
            return server.baseUri();
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            return null;
        }
    }

    @Override
    public void undeploy(String contextPath) throws Exception {
        EmbeddedServer server = servers.remove(contextPath);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void close() throws Exception {
        for (EmbeddedServer server : servers.values()) {
            server.close();
        }
        servers.clear();
    }
}
