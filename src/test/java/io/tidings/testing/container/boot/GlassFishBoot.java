package io.tidings.testing.container.boot;

import io.tidings.testing.container.ContainerBoot;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.embeddable.BootstrapProperties;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.CommandRunner;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;

/**
 * Embedded GlassFish 7 (its WebSocket implementation is Tyrus). Context parameters are set the way a
 * GlassFish operator sets them on a deployed application: deploy disabled, {@code asadmin
 * set-web-context-param} for each, then enable. Runs inside the container's own class loader.
 */
public final class GlassFishBoot implements ContainerBoot {
    private GlassFishRuntime runtime;
    private GlassFish glassfish;
    private final List<String> deployed = new ArrayList<>();
    private int port;

    @Override
    public void start(Path workDir) throws Exception {
        runtime = GlassFishRuntime.bootstrap(new BootstrapProperties(), GlassFishBoot.class.getClassLoader());
        port = freePort();
        GlassFishProperties properties = new GlassFishProperties();
        properties.setPort("http-listener", port);
        glassfish = runtime.newGlassFish(properties);
        glassfish.start();
    }

    @Override
    public URI deploy(Path war, String contextPath, Map<String, String> contextParameters) throws Exception {
        String name = "tidings" + contextPath.replace('/', '-');
        String deployedName = glassfish.getDeployer().deploy(war.toFile(), "--name=" + name,
                "--contextroot=" + contextPath, "--enabled=false");
        if (deployedName == null) {
            return null;
        }
        deployed.add(deployedName);
        CommandRunner commands = glassfish.getCommandRunner();
        for (Map.Entry<String, String> parameter : contextParameters.entrySet()) {
            run(commands, "set-web-context-param", "--name=" + parameter.getKey(), "--value=" + parameter.getValue(),
                    deployedName);
        }
        CommandResult enabled = commands.run("enable", deployedName);
        boolean up = enabled.getExitStatus() == CommandResult.ExitStatus.SUCCESS;
        return up ? URI.create("http://127.0.0.1:" + port + contextPath + "/") : null;
    }

    private static void run(CommandRunner commands, String... command) {
        CommandResult result = commands.run(command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
        if (result.getExitStatus() != CommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException(command[0] + " failed: " + result.getOutput(), result.getFailureCause());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void undeploy(String contextPath) throws Exception {
        String name = "tidings" + contextPath.replace('/', '-');
        if (deployed.remove(name)) {
            glassfish.getDeployer().undeploy(name);
        }
    }

    @Override
    public void close() throws Exception {
        if (glassfish != null) {
            for (String name : deployed) {
                glassfish.getDeployer().undeploy(name);
            }
            glassfish.stop();
            glassfish.dispose();
        }
        if (runtime != null) {
            runtime.shutdown();
        }
    }
}
