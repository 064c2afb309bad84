package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the container does with the WAR itself: context path, settings from context parameters, isolation. */
@ExtendWith(ContainerExtension.class)
class DeploymentIT {
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
            assertNotEquals(200, get(wouldBe).statusCode(), "the failed deployment must serve nothing");
        }
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
