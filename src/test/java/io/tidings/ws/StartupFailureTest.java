package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.LauncherProcess;
import io.tidings.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real launcher, as scripts/run starts it, refuses to start on an invalid setting and names it. */
class StartupFailureTest {

    @Test
    void anInvalidSettingStopsTheLauncherWithItsName() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.tidings.launcher.Main").redirectErrorStream(true);
        builder.environment().put("TIDINGS_KEY", "0123456789abcdef0123456789abcdef");
        builder.environment().put("TIDINGS_PORT", "0");
        builder.environment().put("TIDINGS_HEARTBEAT_IDLE", "soon");
        builder.environment().remove("TIDINGS_DEV");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher exited");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("TIDINGS_HEARTBEAT_IDLE must be a whole number"), output);
    }

    /** A port in use is a bad TIDINGS_PORT like any other: one line naming it, not a stack trace. */
    @Test
    void aPortInUseStopsTheLauncherWithOneLineNamingTidingsPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LauncherProcess launcher = new LauncherProcess(Map.of("TIDINGS_KEY", TestServer.KEY, "TIDINGS_HOST",
                     "127.0.0.1", "TIDINGS_PORT", Integer.toString(taken.getLocalPort()),
                     "TIDINGS_INBOX", "memory"))) {
            assertEquals(2, launcher.awaitExit(Duration.ofSeconds(60)), launcher.output());
            String output = launcher.output();
            assertTrue(output.contains("TIDINGS_PORT " + taken.getLocalPort() + " is already in use on 127.0.0.1: stop"
                    + " what listens there, or set TIDINGS_PORT to a free port"), output);
            assertFalse(output.contains("\tat ") || output.contains("Exception"), "a stack trace:\n" + output);
        }
    }
}
