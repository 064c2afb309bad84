package io.tidings.testing.container;

import io.tidings.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * One container, started once per test JVM (each failsafe execution names one in the system property
 * {@value #CONTAINER_PROPERTY}), with the built WAR deployed three times: the main deployment, one with a
 * short heartbeat (so idle tests never disturb the others), and one without TIDINGS_KEY, which must fail.
 * Settings reach the WAR as servlet context parameters, as an operator would set them.
 */
public final class ContainerRun implements AutoCloseable {
    public static final String CONTAINER_PROPERTY = "tidings.it.container";
    public static final String MAIN_PATH = "/tidings";
    public static final String HEARTBEAT_PATH = "/tidings-hb";
    public static final String NO_KEY_PATH = "/tidings-nokey";
    /** TIDINGS_MAX_FRAME of the main deployment: small, so the oversize tests send little. */
    public static final int MAX_FRAME = 4096;
    public static final Duration HEARTBEAT_IDLE = Duration.ofSeconds(2);
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    private final String container;
    private final Path work;
    private final ContainerLoader loader;
    private final ContainerBoot boot;
    private final LogCapture log;
    private Deployment main;
    private Deployment heartbeat;
    private URI noKey;

    private ContainerRun(String container, Path work, ContainerLoader loader, ContainerBoot boot, LogCapture log) {
        this.container = container;
        this.work = work;
        this.loader = loader;
        this.boot = boot;
        this.log = log;
    }

    /** Starts the container named by {@value #CONTAINER_PROPERTY} (default: the embedded server). */
    public static ContainerRun startConfigured() throws Exception {
        return start(System.getProperty(CONTAINER_PROPERTY, "embedded"));
    }

    public static ContainerRun start(String container) throws Exception {
        Path work = Path.of(System.getProperty("tidings.it.work", "target/it-work")).resolve(container);
        deleteRecursively(work);
        Files.createDirectories(work);
        ContainerLoader loader = null;
        ContainerBoot boot;
        if (container.equals("embedded")) {
            boot = new EmbeddedBoot();
        } else {
            loader = ContainerLoader.of(container, containersDirectory().resolve(container));
            boot = (ContainerBoot) loader.loadClass(ContainerLoader.BOOT_PACKAGE + bootClass(container))
                    .getConstructor().newInstance();
        }
        ContainerRun run = new ContainerRun(container, work, loader, boot, new LogCapture());
        try {
            run.inContainer(() -> {
                boot.start(work);
                return null;
            });
            run.deployAll(warFile());
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void deployAll(Path war) throws Exception {
        log.install(); // after start: some containers reset java.util.logging while starting
        // The main deployment keeps its inbox in SQLite (the native library loads in every container); the
        // heartbeat one in memory.
        URI mainBase = inContainer(() -> boot.deploy(war, MAIN_PATH, Map.of("TIDINGS_KEY", TestServer.KEY,
                "TIDINGS_API_KEY", TestServer.API_KEY, "TIDINGS_MAX_FRAME", Integer.toString(MAX_FRAME),
                "TIDINGS_DATA_DIR", dataDir(MAIN_PATH).toString())));
        if (mainBase == null) {
            throw new IllegalStateException(container + ": the main deployment failed; log: " + log.lines());
        }
        main = new Deployment(container, mainBase);
        URI heartbeatBase = inContainer(() -> boot.deploy(war, HEARTBEAT_PATH, Map.of("TIDINGS_KEY", TestServer.KEY,
                "TIDINGS_API_KEY", TestServer.API_KEY,
                "TIDINGS_HEARTBEAT_IDLE", Long.toString(HEARTBEAT_IDLE.toSeconds()),
                "TIDINGS_HEARTBEAT_INTERVAL", Long.toString(HEARTBEAT_INTERVAL.toSeconds()),
                "TIDINGS_INBOX", "memory")));
        if (heartbeatBase == null) {
            throw new IllegalStateException(container + ": the heartbeat deployment failed; log: " + log.lines());
        }
        heartbeat = new Deployment(container, heartbeatBase);
        noKey = inContainer(() -> boot.deploy(war, NO_KEY_PATH, Map.of("TIDINGS_API_KEY", TestServer.API_KEY)));
    }

    /** The inbox directory of the deployment at this context path (under the container's work directory). */
    public Path dataDir(String contextPath) {
        return work.toAbsolutePath().resolve("data" + contextPath.replace('/', '-'));
    }

    /** Deploys the built WAR once more, at another context path; null when the container refuses it. */
    public Deployment deploy(String contextPath, Map<String, String> contextParameters) throws Exception {
        Path war = warFile();
        URI base = inContainer(() -> boot.deploy(war, contextPath, contextParameters));
        return base == null ? null : new Deployment(container, base);
    }

    public void undeploy(String contextPath) throws Exception {
        inContainer(() -> {
            boot.undeploy(contextPath);
            return null;
        });
    }

    /** Runs a call with the container's class loader as context class loader, as its own threads have. */
    private <T> T inContainer(Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader != null ? loader : previous);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String container() {
        return container;
    }

    /** True for a real servlet container running the built WAR; false for the embedded launcher. */
    public boolean isWar() {
        return loader != null;
    }

    /** The container's class loader (null for the embedded launcher). */
    public ClassLoader loader() {
        return loader;
    }

    /** The main deployment: test keys, TIDINGS_MAX_FRAME = {@link #MAX_FRAME}, default heartbeat. */
    public Deployment main() {
        return main;
    }

    /** The deployment with TIDINGS_HEARTBEAT_IDLE = 2 s and TIDINGS_HEARTBEAT_INTERVAL = 1 s. */
    public Deployment heartbeat() {
        return heartbeat;
    }

    /** The base URL the container gave the deployment without a key: null, as that deployment must fail. */
    public URI noKeyDeployment() {
        return noKey;
    }

    /** Warnings and errors logged by io.tidings loggers since the deployments began. */
    public List<String> logLines() {
        return log.lines();
    }

    public static Path warFile() throws IOException {
        String configured = System.getProperty("tidings.it.war");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("tidings-.*\\.war")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/tidings-*.war: run mvn package first"));
        }
    }

    private static Path containersDirectory() {
        return Path.of(System.getProperty("tidings.it.containers", "target/it-containers"));
    }

    private static String bootClass(String container) {
        return switch (container) {
            case "jetty" -> "JettyBoot";
            case "tomcat10", "tomcat11" -> "TomcatBoot";
            case "glassfish" -> "GlassFishBoot";
            default -> throw new IllegalArgumentException("unknown container '" + container
                    + "' (embedded, jetty, tomcat10, tomcat11, glassfish)");
        };
    }

    @Override
    public void close() throws Exception {
        try {
            inContainer(() -> {
                boot.close();
                return null;
            });
        } finally {
            log.uninstall();
            if (loader != null) {
                loader.close();
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
