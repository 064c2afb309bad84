package io.tidings.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.auth.LegacyToken;
import io.tidings.testing.Chromium;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The comment-reply demo (webapp/index.html + tidings.js) in real headless Chromium against the real server. */
class DemoPageBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() throws Exception {
        startBrowserAndServer(Map.of());
    }

    /** The page URL scripts/run prints: ?uid=&token= with a JWT. */
    static String page(TestServer on, String uid) {
        return on.http() + "?uid=" + uid + "&token=" + TestServer.jwt(uid, Duration.ofMinutes(10));
    }

    /** In the current window: replies to the comment with the given id, alerting its author. */
    static void reply(String commentId, String text) {
        var driver = chromium.driver();
        driver.findElement(By.cssSelector("#" + commentId + " .reply-toggle")).click();
        driver.findElement(By.id(commentId + "-text")).sendKeys(text);
        driver.findElement(By.cssSelector("#" + commentId + " .reply-send")).click();
    }

    static String delivery(String commentId) {
        return chromium.await("a delivery note under " + commentId, d -> {
            List<WebElement> notes = d.findElements(By.cssSelector("#" + commentId + " .delivery[data-delivered]"));
            return notes.isEmpty() ? null : notes.get(0).getText();
        });
    }

    static String awaitToast(String containing) {
        return chromium.await("a toast containing '" + containing + "'", d -> d.findElements(By.cssSelector(".toast"))
                .stream().map(WebElement::getText).filter(text -> text.contains(containing)).findFirst().orElse(null));
    }

    @Test
    void replyAlertsTheOtherUserWithAToastAndAnUnreadBadge() throws Exception {
        String alice = chromium.open(page(server, "100"));
        chromium.awaitStatus("online");
        String bob = chromium.open(page(server, "101"));
        chromium.awaitStatus("online");
        assertTrue(chromium.driver().findElements(By.cssSelector("#badge:not([hidden])")).isEmpty(), "no badge yet");

        chromium.in(alice);
        assertEquals("uid 100", chromium.text("me"));
        chromium.driver().findElement(By.cssSelector("#c0 .reply-toggle")).click();
        assertEquals("101", chromium.driver().findElement(By.id("c0-to")).getDomProperty("value"),
                "replying to a comment alerts its author by default");
        chromium.driver().findElement(By.id("c0-text")).sendKeys("Thanks! 30 s pings keep my tab alive.");
        chromium.driver().findElement(By.cssSelector("#c0 .reply-send")).click();
        assertEquals("uid 101 alerted in 1 tab", delivery("c0"));
        chromium.screenshot(Path.of("target", "demo-screenshot-sender.png"));

        chromium.in(bob);
        String toast = awaitToast("30 s pings");
        assertTrue(toast.contains("New reply from uid 100"), toast);
        assertEquals("1", chromium.text("badge-count"));
        assertTrue(chromium.driver().findElement(By.id("badge")).isDisplayed());
        assertTrue(chromium.driver().getTitle().startsWith("(1) "), chromium.driver().getTitle());
        chromium.screenshot(Path.of("target", "demo-screenshot.png"));

        chromium.driver().findElement(By.id("mark-read")).click();
        assertTrue(!chromium.driver().findElement(By.id("badge")).isDisplayed(), "badge cleared");
    }

    /**
     * The operator console's test push, as it comes (event alertTip, data {"msg":...}), reads on the demo page as
     * its message: an alertTip a backend pushes carries its text in data, not in the reply's msg and from.
     */
    @Test
    void theConsolesDefaultTestPushShowsItsMessageOnTheDemoPage() throws Exception {
        String page = chromium.open(page(server, "120"));
        chromium.awaitStatus("online");
        chromium.open(server.http() + "console.html");
        ConsoleBrowserTest.fill("push-key", TestServer.API_KEY);
        ConsoleBrowserTest.fill("push-uid", "120");
        chromium.driver().findElement(By.id("push-send")).click();
        chromium.in(page);
        String toast = awaitToast("Hello from the operator console");
        assertFalse(toast.contains("undefined"), toast);
    }

    @Test
    void aReplyThatArrivedWhileAwayIsThereOnReturnAndAfterAReload() throws Exception {
        chromium.open(page(server, "140"));
        chromium.awaitStatus("online");
        chromium.closeWindows(); // away: the page, and its session, are gone
        chromium.await("uid 140 offline", d -> server.tidings().hub().sessions("140").isEmpty() ? "" : null);
        try (WsClient replier = WsClient.connectOnline(server.wsFor("141"))) {
            replier.send("{\"event\":\"alertTip\",\"toUid\":140,\"content\":\"While you were out\",\"rid\":1}");
            assertEquals(0, replier.nextJson().getInt("delivered"), "nobody online to alert");
        }
        chromium.open(page(server, "140"));
        chromium.awaitStatus("online");
        String entry = awaitNotification("While you were out");
        assertTrue(entry.contains("New reply from uid 141"), entry);
        assertEquals("1", chromium.text("badge-count"), "the server's unread count");

        chromium.driver().navigate().refresh();
        chromium.awaitStatus("online");
        awaitNotification("While you were out");
        assertEquals("1", chromium.text("badge-count"), "still unread after a reload");
        chromium.driver().findElement(By.id("mark-read")).click();
        chromium.driver().navigate().refresh();
        chromium.awaitStatus("online");
        awaitNotification("While you were out");
        chromium.await("the badge cleared on the server too",
                d -> d.findElement(By.id("badge")).isDisplayed() ? null : "");
        assertEquals(1, chromium.driver().findElements(By.cssSelector("#notifications li")).size(), "shown once");
    }

    static String awaitNotification(String containing) {
        return chromium.await("a notification containing '" + containing + "'", d -> d.findElements(
                By.cssSelector("#notifications li")).stream().map(WebElement::getText)
                .filter(text -> text.contains(containing)).findFirst().orElse(null));
    }

    @Test
    void everyTabOfTheRepliedUserIsAlertedWhenAllSessionsStay() throws Exception {
        try (TestServer allTabs = TestServer.start(Map.of("TIDINGS_SESSION_POLICY", "all"))) {
            String bobFirst = chromium.open(page(allTabs, "101"));
            chromium.awaitStatus("online");
            String bobSecond = chromium.openTab(page(allTabs, "101"));
            chromium.awaitStatus("online");
            chromium.open(page(allTabs, "100"));
            chromium.awaitStatus("online");

            reply("c0", "Seen in both of your tabs?");
            assertEquals("uid 101 alerted in 2 tabs", delivery("c0"));
            for (String tab : List.of(bobFirst, bobSecond)) {
                chromium.in(tab);
                awaitToast("Seen in both of your tabs?");
                assertEquals("1", chromium.text("badge-count"));
            }
        }
    }

    @Test
    void aSecondTabOfTheSameUserTakesOverAndTheFirstSaysReplaced() throws Exception {
        String first = chromium.open(page(server, "110"));
        chromium.awaitStatus("online");
        String second = chromium.openTab(page(server, "110"));
        chromium.awaitStatus("online");

        chromium.in(first).awaitStatus("replaced");
        assertTrue(chromium.text("status").contains("Replaced by another tab"), chromium.text("status"));
        assertNoReconnectFor(Duration.ofMillis(1500));
        chromium.in(second);
        assertEquals("online", chromium.statusAttribute(), "the newer tab keeps its session");

        chromium.in(first);
        chromium.driver().findElement(By.id("use-here")).click();
        chromium.awaitStatus("online");
        chromium.in(second).awaitStatus("replaced");
    }

    @Test
    void aBadTokenShowsWhyItWasRejectedAndIsNotRetried() throws Exception {
        chromium.open(server.http() + "?uid=120&token=" + LegacyToken.issue("121", TestServer.KEY));
        chromium.awaitStatus("rejected");
        assertEquals("Rejected: token invalid, code 4001", chromium.text("status"));
        assertNoReconnectFor(Duration.ofMillis(1500));

        chromium.open(server.http() + "?uid=122&token=" + TestServer.jwt("122", Duration.ofSeconds(-5)));
        chromium.awaitStatus("rejected");
        assertEquals("Rejected: token expired, code 4001", chromium.text("status"));
    }

    @Test
    void thePageReconnectsByItselfAfterAServerRestart() throws Exception {
        TestServer first = TestServer.start();
        int port = first.port();
        chromium.open(page(first, "130"));
        chromium.awaitStatus("online");

        first.close();
        chromium.await("the page noticing the shutdown", d -> chromium.text("log").contains("Connection lost"));
        assertTrue(List.of("reconnecting", "connecting").contains(chromium.statusAttribute()), chromium.text("status"));

        try (TestServer second = TestServer.start(Map.of("TIDINGS_PORT", String.valueOf(port)));
                WsClient other = WsClient.connect(second.wsFor("131"))) {
            chromium.awaitStatus("online");
            // Really registered again, not just looking online: an alert reaches it.
            other.send("{\"event\":\"alertTip\",\"toUid\":130,\"content\":\"welcome back\"}");
            assertTrue(awaitToast("welcome back").contains("New reply from uid 131"));
        }
    }

    @Test
    void inDevModeThePageFetchesATestTokenAndOutsideItSaysItCannot() throws Exception {
        try (TestServer dev = TestServer.start(Map.of("TIDINGS_DEV", "true"))) {
            chromium.open(dev.http().toString());
            chromium.driver().findElement(By.id("signin-uid")).sendKeys("205");
            chromium.driver().findElement(By.id("signin-dev")).click();
            chromium.awaitStatus("online");
            assertEquals("uid 205", chromium.text("me"));
            assertTrue(chromium.driver().getCurrentUrl().contains("uid=205&token="), "a reload signs in again");
        }

        chromium.open(server.http().toString());
        chromium.driver().findElement(By.id("signin-uid")).sendKeys("206");
        chromium.driver().findElement(By.id("signin-dev")).click();
        chromium.await("the not-in-dev-mode message", d -> chromium.text("signin-message").contains("not in dev mode"));
        assertEquals("idle", chromium.statusAttribute());
    }

    /** Final closes are reported, not fought: the client opens no further socket during the given time. */
    static void assertNoReconnectFor(Duration time) throws InterruptedException {
        Object before = chromium.script("return window.demo.client.connects");
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            assertEquals(before, chromium.script("return window.demo.client.connects"), "the client reconnected");
            Thread.sleep(100);
        }
    }
}
