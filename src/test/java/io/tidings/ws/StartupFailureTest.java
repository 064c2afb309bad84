package io.tidings.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
}
