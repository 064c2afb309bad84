package io.tidings.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (never Selenium Manager, which would try to
 * download one). When either binary is missing every browser test is skipped with a message saying how to
 * install them; it never fails for that. One instance per test class; each test opens its own windows.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BROWSER = Path.of(System.getProperty("tidings.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("tidings.chromedriver", "/usr/bin/chromedriver"));
    /** Every wait on the page is bounded by this. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String home;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.home = driver.getWindowHandle();
    }

    /** True when both Debian binaries are there. */
    public static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * For each test's {@code @BeforeEach}: skips the test, with a message saying how to install Chromium, when it
     * is missing. Per test rather than per class, so the report counts and names every skipped test.
     */
    public static void assumeInstalled() {
        Needs.require(installed(), BROWSER + " or " + DRIVER, "install with: apt-get install chromium chromium-driver");
    }

    /** Starts the browser; null when it is not installed (the tests then skip through {@link #assumeInstalled}). */
    public static Chromium startIfInstalled() throws IOException {
        if (!installed()) {
            return null;
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile = Files.createTempDirectory("tidings-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900",
                // Several windows run at once in these tests: none may be throttled for being in the background.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens the URL in a new window and leaves the driver there; returns the window's handle. */
    public String open(String url) {
        driver.switchTo().newWindow(WindowType.WINDOW);
        driver.get(url);
        return driver.getWindowHandle();
    }

    /** Opens the URL in a new tab of the current window (a user's second tab). */
    public String openTab(String url) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    public Chromium in(String window) {
        driver.switchTo().window(window);
        return this;
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Waits (bounded by {@link #WAIT}) in the current window; on time-out the message says what was awaited. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(what).until(condition);
    }

    /** Waits until the page's connection status is the given one, e.g. "online". */
    public void awaitStatus(String status) {
        await(() -> "status '" + status + "' (it is '" + statusAttribute() + "': " + text("status") + ")",
                d -> status.equals(statusAttribute()));
    }

    /** As {@link #await(String, Function)}, with a message computed when the wait runs out. */
    public <T> T await(Supplier<String> what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(what).until(condition);
    }

    public String statusAttribute() {
        return driver.findElement(By.id("status")).getDomAttribute("data-status");
    }

    /** Saves a PNG of the current window. */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Closes every window a test opened, keeping the browser for the next test. */
    public void closeWindows() {
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(home)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(home);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
