package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.ApiClient;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TIDINGS_WARMUP: the launcher sends its warm-up sessions through a private instance before the real port opens,
 * and the real server starts untouched by them: no session counted, none live, and it serves clients as usual.
 */
class WarmUpTest {
    static final String KEY = "warm-up-key-0123456789abcdef0123456";

    @Test
    void warmUpRunsBeforeThePortOpensAndLeavesNoTraceInTheRealServer() throws Exception {
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", KEY, "TIDINGS_PORT", "0",
                "TIDINGS_HOST", "127.0.0.1", "TIDINGS_WARMUP", "600"))) {
            int port = launcher.awaitPort(Duration.ofSeconds(120));
            String output = launcher.output();
            int warmed = output.indexOf("Warmed up with 600 sessions");
            assertTrue(warmed >= 0, output);
            assertTrue(warmed < output.indexOf("Tidings listening on port"), output);
            assertTrue(output.startsWith("Java "), "the first line names the JDK:\n" + output);

            ApiClient metrics = ApiClient.at(URI.create("http://127.0.0.1:" + port + "/"), null);
            String before = metrics.get("metrics").body();
            assertEquals(0.0, sample(before, "tidings_sessions_opened_total"), before);
            assertEquals(0.0, sample(before, "tidings_sessions_live"), before);
            try (WsClient client = WsClient.connectOnline(URI.create("ws://127.0.0.1:" + port + "/ws?uid=7&token="
                    + LegacyToken.issue("7", KEY)))) {
                client.send("{\"event\":\"ping\"}");
                assertTrue(client.next().contains("pong"));
            }
            assertEquals(1.0, sample(metrics.get("metrics").body(), "tidings_sessions_opened_total"));
        }
    }

    private static double sample(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
