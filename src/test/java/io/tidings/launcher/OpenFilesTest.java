package io.tidings.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.limit.OpenFileLimit;
import io.tidings.testing.LauncherProcess;
import io.tidings.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A process allowed fewer open files than TIDINGS_MAX_CONNECTIONS runs out of descriptors before its own limit
 * turns anyone away: that is said once at startup, and the accept failures that follow are logged once a minute,
 * without a stack trace, instead of a warning with one every second.
 */
class OpenFilesTest {
    @Test
    void theWarningNamesTheSettingAndTheLimitOnlyWhenTheLimitIsLower() {
        assertTrue(OpenFileLimit.warning(100_000, OptionalLong.of(1024)).orElseThrow()
                .startsWith("TIDINGS_MAX_CONNECTIONS is 100000 but this process may open only 1024 files"));
        assertTrue(OpenFileLimit.warning(0, OptionalLong.of(1024)).isPresent(), "0 is no limit at all");
        assertFalse(OpenFileLimit.warning(1000, OptionalLong.of(1024)).isPresent());
        assertFalse(OpenFileLimit.warning(100_000, OptionalLong.empty()).isPresent(), "a system that does not tell");
    }

    @Test
    void aLowLimitIsNamedAtStartupAndAcceptFailuresAreLoggedRarely() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try (LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", TestServer.KEY,
                "TIDINGS_PORT", "0", "TIDINGS_HOST", "127.0.0.1", "TIDINGS_INBOX", "memory"), 400)) {
            int port = launcher.awaitPort(Duration.ofSeconds(60));
            assertTrue(launcher.output().contains("TIDINGS_MAX_CONNECTIONS is 100000 but this process may open only"
                    + " 400 files"), launcher.output());
            for (int i = 0; i < 500; i++) { // the kernel completes them; the server cannot accept them all
                Socket client = new Socket();
                client.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                clients.add(client);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!launcher.output().contains("accepting connections failed") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(3_000); // three more retries of the accept: what is logged over time is the point
            String output = launcher.output();
            assertEquals(1, output.split("accepting connections failed", -1).length - 1, output);
            assertTrue(output.contains("the process is out of file descriptors"), output);
            assertFalse(output.contains("Accept Failure") || output.contains("\tat "), "Jetty's own warning, with"
                    + " its stack trace:\n" + output);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
