package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer's first runs meet: dev mode keeps its keys in a directory of the user's own (never printing
 * them), so a link from one run still works after a restart; its page links live as long as /dev/token's; and
 * scripts/token refuses a key the server would refuse, answers --help, and falls back to the kept dev key.
 */
class DevModeTest {
    private static final Pattern WS_LINK = Pattern.compile("uid 100:  (ws://\\S+)");
    private static final Pattern PAGE_TOKEN = Pattern.compile("page \\(valid 12 h\\): \\S+&token=(\\S+)");

    @Test
    void devKeysAreKeptOutsideTheBuildNeverPrintedAndOutliveARestart(@TempDir Path config) throws Exception {
        Map<String, String> env = Map.of("TIDINGS_DEV", "true", "TIDINGS_PORT", "0", "XDG_CONFIG_HOME",
                config.toString(), "TIDINGS_INBOX", "memory");
        String firstLink;
        try (LauncherProcess first = new LauncherProcess(env)) {
            first.awaitPort(Duration.ofSeconds(60));
            String banner = awaitBanner(first);
            Path kept = config.resolve("tidings").resolve("dev");
            String key = Files.readString(kept.resolve("TIDINGS_KEY")).strip();
            String apiKey = Files.readString(kept.resolve("TIDINGS_API_KEY")).strip();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    kept.resolve("TIDINGS_KEY"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
            assertTrue(banner.contains("dev keys kept in " + kept), banner);
            assertTrue(banner.contains("export TIDINGS_API_KEY=$(cat " + kept.resolve("TIDINGS_API_KEY") + ")"),
                    banner);
            assertFalse(first.output().contains(key) || first.output().contains(apiKey), "a key was printed:\n"
                    + first.output());
            firstLink = find(WS_LINK, banner);
            assertEquals(LegacyToken.issue("100", key), firstLink.substring(firstLink.indexOf("token=") + 6));
            JsonObject claims = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(
                    find(PAGE_TOKEN, banner).split("\\.")[1]), StandardCharsets.UTF_8))).readObject();
            assertEquals(Duration.ofHours(12).toSeconds(), claims.getJsonNumber("exp").longValue()
                    - claims.getJsonNumber("iat").longValue(), "the page link lives as long as /dev/token's");
        }
        try (LauncherProcess second = new LauncherProcess(env)) {
            int port = second.awaitPort(Duration.ofSeconds(60));
            URI sameLink = URI.create(firstLink.replaceFirst("localhost:\\d+", "127.0.0.1:" + port));
            try (WsClient client = WsClient.connect(sameLink)) {
                client.send("{\"event\":\"ping\"}");
                assertEquals("{\"event\":\"pong\"}", client.next(), "the first run's link, after a restart");
            }
        }
    }

    @Test
    void scriptsTokenAnswersHelpRefusesAShortKeyAndFallsBackToTheDevKey(@TempDir Path config) throws Exception {
        Tool help = Tool.run(Map.of("XDG_CONFIG_HOME", config.toString()), "--help");
        assertEquals(0, help.exit, help.output);
        assertTrue(help.output.startsWith("usage: scripts/token"), help.output);

        Tool unknown = Tool.run(Map.of("TIDINGS_KEY", "k".repeat(32)), "--jtw", "100");
        assertEquals(2, unknown.exit, unknown.output);
        assertTrue(unknown.output.contains("unknown option --jtw"), unknown.output);

        Tool shortKey = Tool.run(Map.of("TIDINGS_KEY", "short"), "100");
        assertEquals(2, shortKey.exit, shortKey.output);
        assertTrue(shortKey.output.contains("TIDINGS_KEY must be at least 32 characters long, as the server requires"
                + " (it has 5)"), shortKey.output);

        Tool noKey = Tool.run(Map.of("XDG_CONFIG_HOME", config.toString()), "100");
        assertEquals(2, noKey.exit, noKey.output);
        assertTrue(noKey.output.contains("TIDINGS_KEY is not set"), noKey.output);

        Path kept = Files.createDirectories(config.resolve("tidings").resolve("dev"));
        String devKey = "d".repeat(64);
        Files.writeString(kept.resolve("TIDINGS_KEY"), devKey + "\n");
        Tool dev = Tool.run(Map.of("XDG_CONFIG_HOME", config.toString()), "100");
        assertEquals(0, dev.exit, dev.output);
        assertTrue(dev.output.contains("signing with the dev-mode key kept in " + kept), dev.output);
        assertTrue(dev.output.endsWith(LegacyToken.issue("100", devKey)), dev.output);
    }

    private static String awaitBanner(LauncherProcess launcher) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!launcher.output().contains("=====\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String output = launcher.output();
        return output.substring(output.indexOf("==== DEV MODE"));
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in\n" + text);
        return matcher.group(1);
    }

    /** scripts/token's class in a JVM of its own, with only the given TIDINGS_ and XDG_ variables. */
    private record Tool(int exit, String output) {
        static Tool run(Map<String, String> environment, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TokenTool.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("TIDINGS_") || name.startsWith("XDG_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "scripts/token did not exit");
            return new Tool(process.exitValue(), output);
        }
    }
}
