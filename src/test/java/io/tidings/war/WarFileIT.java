package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.container.ContainerRun;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
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
                // slf4j-api is the logging API of Pushy (mobile push) and Lettuce (cluster mode); no provider ships.
                "WEB-INF/lib/(jetty-|tomcat-|glassfish-|tyrus-|jakarta\\.servlet-api|jakarta\\.websocket-|slf4j-(?!api-)|junit-).*"))
                .toList();
        assertEquals(List.of(), forbidden);
        assertTrue(libraries.stream().anyMatch(name -> name.startsWith("WEB-INF/lib/yasson-")),
                "JSON-B ships in the WAR: Tomcat and Jetty have none: " + libraries);
    }

    @Test
    void theExampleWebXmlSetsNoSecretAndNoDevMode() throws Exception {
        try (ZipFile war = new ZipFile(ContainerRun.warFile().toFile())) {
            ZipEntry webXml = war.getEntry("WEB-INF/web.xml");
            assertTrue(webXml != null, "the example web.xml documents the context parameters");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(war.getInputStream(webXml));
            NodeList names = document.getElementsByTagNameNS("*", "param-name");
            List<String> active = new ArrayList<>();
            for (int i = 0; i < names.getLength(); i++) {
                active.add(names.item(i).getTextContent().trim());
            }
            // Examples live in comments: an active placeholder key would be used as the key.
            assertEquals(List.of(), active.stream().filter(name -> name.startsWith("TIDINGS_")).toList());
            assertEquals("6.0", document.getDocumentElement().getAttribute("version"));
        }
    }

    @Test
    void theInitializerIsRegisteredForEveryContainerToFind() throws Exception {
        assertTrue(entries().contains("WEB-INF/classes/META-INF/services/jakarta.servlet.ServletContainerInitializer"));
    }
}
