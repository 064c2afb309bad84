package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the container does with the WAR itself: context path, settings from context parameters, isolation. */
@ExtendWith(ContainerExtension.class)
class DeploymentIT {
    static final String UNDEPLOY_PATH = "/tidings-undeploy";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersUnderTheContextPath(ContainerRun run) throws Exception {
        HttpResponse<String> health = get(run.main().http("healthz"));
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
        if (run.isWar()) {
            assertEquals(404, get(run.main().base().resolve("/healthz")).statusCode(), "nothing outside the context path");
        }
    }

    @Test
    void theDemoPageIsServedAtTheContextRootWhereTheWebSocketAlsoAnswers(ContainerRun run) throws Exception {
        // The root endpoint itself is tested in HandshakeIT; Tomcat maps "/" to this welcome file first.
        HttpResponse<String> page = get(run.main().base());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("tidings.js"), "the demo page loads the client library");
        assertEquals(200, get(run.main().http("tidings.js")).statusCode());
    }

    @Test
    void aMissingKeyFailsTheDeploymentWithALogLineNamingIt(ContainerRun run) throws Exception {
        assertNull(run.noKeyDeployment(), "the deployment without TIDINGS_KEY must fail, not run with a guessable key");
        List<String> errors = run.logLines().stream().filter(line -> line.contains("TIDINGS_KEY is required")).toList();
        assertEquals(1, errors.size(), "log lines naming the missing key: " + run.logLines());
        assertTrue(errors.get(0).startsWith("SEVERE"), errors.get(0));
        if (run.isWar()) {
            URI wouldBe = run.main().base().resolve(ContainerRun.NO_KEY_PATH + "/healthz");
            // Nothing is served there: Jetty keeps the failed context and answers 503, the others 404.
            assertEquals(run.container().equals("jetty") ? 503 : 404, get(wouldBe).statusCode());
        }
    }

    /**
     * An undeploy (or redeploy) must stop every thread the application started, or the container keeps the
     * old application's classes alive (Tomcat logs "failed to stop it ... memory leak"): the heartbeat
     * sweeper, the closers, and no library thread either (Prometheus' exemplar sampler had a static one).
     */
    @Test
    void undeployingStopsEveryThreadTheApplicationStarted(ContainerRun run) throws Exception {
        assumeTrue(run.isWar(), "the embedded server shares the test's class loader: nothing to tell apart");
        Map<String, String> settings = Map.of("TIDINGS_KEY", TestServer.KEY, "TIDINGS_API_KEY", TestServer.API_KEY,
                "TIDINGS_DATA_DIR", run.dataDir(UNDEPLOY_PATH).toString());
        deployUseAndUndeploy(run, settings);

        // Deployed again on the same directory: a new class loader loads the native library again, and the
        // inbox still holds what was stored before (the alert and the push to u1).
        Deployment again = run.deploy(UNDEPLOY_PATH, settings);
        assertNotNull(again, "deployed again: " + run.logLines());
        try {
            JsonObject inbox = ApiClient.at(again.base()).get("api/inbox?uid=u1").json();
            assertEquals(2, inbox.getJsonArray("messages").size(), inbox.toString());
        } finally {
            run.undeploy(UNDEPLOY_PATH);
        }
    }

    /**
     * The same for a cluster node: Lettuce's event loops and timer, the node's loop and heartbeat, the publish
     * batches' timer. A node with the inbox off once left the batch timer running, found by reading; this is
     * the test that would have caught it.
     */
    @Test
    void undeployingAClusterNodeStopsItsRedisThreads(ContainerRun run) throws Exception {
        assumeTrue(run.isWar(), "the embedded server shares the test's class loader: nothing to tell apart");
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> settings = Map.of("TIDINGS_KEY", TestServer.KEY,
                    "TIDINGS_API_KEY", TestServer.API_KEY, "TIDINGS_REDIS_URL", redis.url(),
                    "TIDINGS_INBOX", "off");
            List<String> started = deployUseAndUndeploy(run, settings);
            assertTrue(started.stream().anyMatch(name -> name.startsWith("tidings-redis-batch")),
                    "the node published through its batches: " + started);
        }
    }

    /**
     * Deploys at {@link #UNDEPLOY_PATH}, sends an alert and a push, undeploys, and checks that every thread
     * carrying the application's class loader ended; answers the names of the threads it started.
     */
    private static List<String> deployUseAndUndeploy(ContainerRun run, Map<String, String> settings)
            throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Deployment extra = run.deploy(UNDEPLOY_PATH, settings);
        assertNotNull(extra, "the extra deployment started: " + run.logLines());
        try (WsClient target = WsClient.connectOnline(extra.wsFor("u1"));
             WsClient sender = WsClient.connectOnline(extra.wsFor("u2"))) {
            sender.send("{\"event\":\"alertTip\",\"toUid\":\"u1\"}");
            target.next();
            assertEquals(200, ApiClient.at(extra.base()).post("api/push", "{\"uid\":\"u1\",\"event\":\"x\"}").status());
            target.next();
            target.send("not json");
            target.awaitClose();
            assertEquals(200, get(extra.http("metrics")).statusCode());
        }
        Set<ClassLoader> application = new HashSet<>();
        List<String> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread)).map(Thread::getName).sorted().toList();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.getName().startsWith("tidings-")) {
                application.add(thread.getContextClassLoader());
            }
        }
        assertTrue(!application.isEmpty(), "the application's own threads carry its class loader");
        run.undeploy(UNDEPLOY_PATH);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.isAlive() && application.contains(thread.getContextClassLoader()))
                    .map(Thread::getName).filter(name -> !isContainerPoolThread(name)).sorted().toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && pause());
        assertEquals(List.of(), left, "threads of the undeployed application still running");
        return started;
    }

    /**
     * GlassFish's own pool threads (glassfish-web-async-thread-N) keep the context class loader of the
     * application they last served: they belong to the container, which reuses them, not to Tidings.
     */
    /**
     * A container's pool thread, or the JDK's "process reaper": sqlite-jdbc runs {@code uname} while it loads its
     * native library, and the JDK's reaper pool, when it has no thread left from an earlier process, makes one that
     * takes the deploying thread's context class loader; it ends by itself 60 s after the process.
     */
    private static boolean isContainerPoolThread(String name) {
        return name.startsWith("glassfish-") || name.equals("process reaper");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(50); // polling a condition with a deadline, not synchronisation
        return true;
    }

    @Test
    void theContainerSeesNoOtherContainerNorTheTestClassPath(ContainerRun run) throws Exception {
        assumeTrue(run.isWar(), "the embedded server runs on the test class path by design");
        ClassLoader container = run.loader();
        // The only Tidings the container can run is the one inside the WAR.
        assertNull(container.getResource("io/tidings/Tidings.class"), "Tidings classes outside the WAR");
        assertNull(container.getResource("io/tidings/testing/WsClient.class"), "test classes");
        Class<?> initializer = Class.forName("jakarta.servlet.ServletContainerInitializer", false, container);
        List<String> initializers = ServiceLoader.load(initializer, container).stream()
                .map(provider -> provider.type().getName()).toList();
        assertTrue(!initializers.isEmpty(), "the container's own initializers are found");
        List<String> foreign = switch (run.container()) {
            case "jetty" -> List.of("org.apache.", "org.glassfish.");
            case "tomcat10", "tomcat11" -> List.of("org.eclipse.jetty.", "org.glassfish.");
            default -> List.of("org.eclipse.jetty.", "org.apache.tomcat.websocket.");
        };
        for (String name : initializers) {
            assertTrue(foreign.stream().noneMatch(name::startsWith), run.container() + " would run " + name);
        }
    }
}
