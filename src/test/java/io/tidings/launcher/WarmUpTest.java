package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.WsClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIDINGS_WARMUP: the launcher sends its warm-up sessions through a private instance before the real port opens,
 * and the real server starts untouched by them: no session counted, nothing in its inbox, the private inbox
 * gone, and it serves clients as usual.
 */
class WarmUpTest {
    static final String KEY = "warm-up-key-0123456789abcdef0123456";
    static final String API_KEY = "warm-up-api-key-0123456789";

    @TempDir
    Path dataDir;
    @TempDir
    Path tmp;

    @Test
    void warmUpRunsBeforeThePortOpensAndLeavesNoTraceInTheRealServer() throws Exception {
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", KEY, "TIDINGS_API_KEY", API_KEY,
                "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1", "TIDINGS_DATA_DIR", dataDir.toString(),
                "TIDINGS_WARMUP", "600", "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp))) {
            int port = launcher.awaitPort(Duration.ofSeconds(120));
            String output = launcher.output();
            int warmed = output.indexOf("Warmed up with 600 sessions");
            assertTrue(warmed >= 0, output);
            assertTrue(warmed < output.indexOf("Tidings listening on port"), output);
            assertTrue(output.lines().filter(line -> !line.startsWith("Picked up")).findFirst().orElse("")
                    .startsWith("Java "), "the first line names the JDK:\n" + output);
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(0, left.filter(path -> path.getFileName().toString().startsWith("tidings-warm-up-"))
                        .count(), "the private instance's inbox is deleted");
            }

            URI base = URI.create("http://127.0.0.1:" + port + "/");
            String metrics = ApiClient.at(base, null).get("metrics").body();
            assertEquals(0.0, sample(metrics, "tidings_sessions_opened_total"), metrics);
            assertEquals(0.0, sample(metrics, "tidings_sessions_live"), metrics);
            ApiClient api = ApiClient.at(base, "Bearer " + API_KEY);
            String inbox = api.get("api/inbox?uid=warmup-0").body();
            assertTrue(inbox.contains("\"messages\":[]"), inbox);
            try (WsClient client = WsClient.connectOnline(URI.create("ws://127.0.0.1:" + port + "/ws?uid=7&token="
                    + LegacyToken.issue("7", KEY)))) {
                client.send("{\"event\":\"ping\"}");
                assertTrue(client.next().contains("pong"));
            }
            assertEquals(1.0, sample(ApiClient.at(base, null).get("metrics").body(), "tidings_sessions_opened_total"));
        }
    }

    private static double sample(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
