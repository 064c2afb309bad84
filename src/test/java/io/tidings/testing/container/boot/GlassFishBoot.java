package io.tidings.testing.container.boot;

import io.tidings.testing.container.ContainerBoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final String LISTENER = "embedded-glassfish-config.server.network-config.network-listeners.network-listener.";
    private GlassFishRuntime runtime;
    private GlassFish glassfish;
    private final List<String> deployed = new ArrayList<>();
    private int port;

    /**
     * GlassFish cannot bind port 0 and report it, so a free port is chosen here, below the ephemeral range (where
     * the machine's outgoing connections and every port-0 server take theirs), and checked after the start.
     */
    @Override
    public void start(Path workDir) throws Exception {
        runtime = GlassFishRuntime.bootstrap(new BootstrapProperties(), GlassFishBoot.class.getClassLoader());
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            GlassFishProperties properties = new GlassFishProperties();
            properties.setPort("http-listener", port);
            properties.setProperty(LISTENER + "http-listener.address", "127.0.0.1");
            glassfish = runtime.newGlassFish(properties);
            glassfish.start();
            if (listening(port)) {
                return;
            }
            glassfish.dispose();
            glassfish = null;
            if (attempt == 3) {
                throw new IllegalStateException("GlassFish did not listen on any of 3 ports (see its log)");
            }
        }
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

    private static int freePort() throws IOException {
        int ephemeralStart = 32768;
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            ephemeralStart = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
        }
        int low = Math.min(20000, ephemeralStart / 2);
        for (int tries = 0; tries < 100; tries++) {
            int candidate = ThreadLocalRandom.current().nextInt(low, ephemeralStart);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port below " + ephemeralStart);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
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
