package io.tidings.browser;

import io.tidings.testing.Chromium;
import io.tidings.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test class shares: one Chromium and one real server per class, windows closed after each
 * test; where Chromium is not installed, a visible skip on a developer's machine and a failure in CI.
 */
abstract class BrowserTest {
    static Chromium chromium;
    static TestServer server;

    /** Call from the subclass's @BeforeAll with its server settings. */
    static void startBrowserAndServer(Map<String, String> settings) throws Exception {
        chromium = Chromium.startIfInstalled();
        server = TestServer.start(settings);
    }

    @BeforeEach
    void needsChromium() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void closeWindows() {
        if (chromium != null) {
            chromium.closeWindows();
        }
    }

    @AfterAll
    static void stopBrowserAndServer() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
