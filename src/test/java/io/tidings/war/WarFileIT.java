package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.container.ContainerRun;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The built WAR holds the application and its libraries, never the launcher nor a container's jars. */
class WarFileIT {

    static List<String> entries() throws Exception {
        try (ZipFile war = new ZipFile(ContainerRun.warFile().toFile())) {
            return war.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void theLauncherIsNotInTheWar() throws Exception {
        List<String> launcher = entries().stream().filter(name -> name.contains("io/tidings/launcher")).toList();
        assertEquals(List.of(), launcher);
        assertTrue(entries().contains("WEB-INF/classes/io/tidings/war/TidingsInitializer.class"));
    }

    @Test
    void noContainerOrProvidedApiJarIsInTheWar() throws Exception {
        List<String> libraries = entries().stream().filter(name -> name.startsWith("WEB-INF/lib/")).toList();
        List<String> forbidden = libraries.stream().filter(name -> name.matches(
                "WEB-INF/lib/(jetty-|tomcat-|glassfish-|tyrus-|jakarta\\.servlet-api|jakarta\\.websocket-|slf4j-|junit-).*"))
                .toList();
        assertEquals(List.of(), forbidden);
        assertTrue(libraries.stream().anyMatch(name -> name.startsWith("WEB-INF/lib/yasson-")),
                "JSON-B ships in the WAR: Tomcat and Jetty have none: " + libraries);
    }

    @Test
    void theInitializerIsRegisteredForEveryContainerToFind() throws Exception {
        assertTrue(entries().contains("WEB-INF/classes/META-INF/services/jakarta.servlet.ServletContainerInitializer"));
    }
}
