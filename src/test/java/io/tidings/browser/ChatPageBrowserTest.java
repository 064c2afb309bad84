package io.tidings.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.close.CloseReason;
import io.tidings.hub.LiveSession;
import io.tidings.testing.ChatClient;
import io.tidings.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The chat page (webapp/chat.html) in real headless Chromium: two browsers chatting through the real server. */
class ChatPageBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() throws Exception {
        startBrowserAndServer(Map.of());
    }

    static String page(String uid, String name, String room) {
        return server.http() + "chat.html?uid=" + uid + "&token=" + TestServer.jwt(uid, Duration.ofMinutes(10))
                + "&name=" + TestServer.encode(name) + "&room=" + room;
    }

    static void type(String id, String text) {
        WebElement field = chromium.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Types the message (a line break as Shift+Enter: Enter alone sends) and sends it. */
    static void sendToRoom(String text) {
        type("text", text.replace("\n", Keys.chord(Keys.SHIFT, Keys.ENTER)));
        chromium.driver().findElement(By.id("send")).click();
    }

    /** The messages shown, each as "who", a tab, the tag if any, a tab, and the content. */
    static List<String> messages() {
        return chromium.driver().findElements(By.cssSelector("#messages li:not(.notice)")).stream()
                .map(item -> item.findElement(By.className("who")).getText() + "\t"
                        + item.findElements(By.className("tag")).stream().map(WebElement::getText).findFirst().orElse("")
                        + "\t" + item.findElement(By.className("content")).getText())
                .toList();
    }

    static void awaitMessage(String expected) {
        chromium.await(() -> "the message '" + expected + "' among " + messages(), d -> messages().contains(expected));
    }

    static void awaitNotice(String expected) {
        chromium.await("the notice '" + expected + "'", d -> d.findElements(By.cssSelector("#messages li.notice"))
                .stream().anyMatch(item -> item.getText().equals(expected)));
    }

    static List<String> members() {
        return chromium.driver().findElements(By.cssSelector("#members li")).stream().map(WebElement::getText).toList();
    }

    @Test
    void twoBrowsersChatInARoomAndPrivatelyAndHtmlStaysText() throws Exception {
        String alice = chromium.open(page("ch-alice", "Alice", "lobby"));
        chromium.awaitStatus("online");
        awaitNotice("You are in room lobby as Alice.");
        String bob = chromium.open(page("ch-bob", "Bob <b>", "lobby"));
        chromium.awaitStatus("online");
        awaitNotice("You are in room lobby as Bob <b>.");
        assertEquals(List.of("Alice", "Bob <b> (you)"), members());

        chromium.in(alice);
        awaitNotice("Bob <b> joined the room.");
        chromium.await("both in Alice's member list", d -> members().equals(List.of("Alice (you)", "Bob <b>")));
        sendToRoom("<img src=x onerror=alert(1)> & \"quotes\"\nsecond line");
        awaitMessage("you\t\t<img src=x onerror=alert(1)> & \"quotes\"\nsecond line");

        chromium.in(bob);
        awaitMessage("Alice\t\t<img src=x onerror=alert(1)> & \"quotes\"\nsecond line");
        assertTrue(chromium.driver().findElements(By.cssSelector("#messages img, #messages b")).isEmpty(),
                "HTML from the wire is never interpreted");
        new Select(chromium.driver().findElement(By.id("to"))).selectByVisibleText("Alice");
        sendToRoom("just between us");
        awaitMessage("you\tprivately to Alice\tjust between us");
        type("pm-to", "ch-alice");
        type("pm-text", "a private message to every tab of yours");
        chromium.driver().findElement(By.id("pm-send")).click();
        awaitMessage("you → uid ch-alice\tprivate message\ta private message to every tab of yours");

        chromium.in(alice);
        awaitMessage("Bob <b>\tprivately to you\tjust between us");
        awaitMessage("uid ch-bob (Bob <b>)\tprivate message\ta private message to every tab of yours");
        chromium.screenshot(Path.of("target", "chat-screenshot.png"));

        chromium.in(bob);
        chromium.driver().close();
        chromium.in(alice);
        awaitNotice("Bob <b> left the room.");
        chromium.await("Bob gone from the member list", d -> members().equals(List.of("Alice (you)")));
    }

    @Test
    void withoutATokenInItsUrlThePageAsksForOne() throws Exception {
        chromium.open(server.http() + "chat.html?room=signin");
        chromium.await("the sign-in form", d -> d.findElement(By.id("signin")).isDisplayed() ? "" : null);
        type("signin-uid", "ch-erin");
        type("signin-token", TestServer.jwt("ch-erin", Duration.ofMinutes(10)));
        chromium.driver().findElement(By.id("signin-connect")).click();
        chromium.awaitStatus("online");
        awaitNotice("You are in room signin as ch-erin.");
        assertTrue(chromium.driver().getCurrentUrl().contains("uid=ch-erin&token="), "a reload signs in the same way");
    }

    @Test
    void aDroppedConnectionReconnectsAndShowsWhatItMissedOnce() throws Exception {
        chromium.open(page("ch-carol", "Carol", "resume"));
        chromium.awaitStatus("online");
        try (ChatClient dave = ChatClient.inRoom(server.chatFor("ch-dave"), "Dave", "resume")) {
            dave.say("before the drop");
            awaitMessage("Dave\t\tbefore the drop");
            for (LiveSession session : server.tidings().rooms().sessions().sessions("ch-carol")) {
                session.close(CloseReason.GOING_AWAY); // a server restart, as the page sees it
            }
            chromium.awaitStatus("reconnecting");
            dave.say("while Carol was away");
            chromium.awaitStatus("online");
            awaitMessage("Dave\t\twhile Carol was away");
            dave.say("after the return");
            awaitMessage("Dave\t\tafter the return");
            assertEquals(List.of("Dave\t\tbefore the drop", "Dave\t\twhile Carol was away", "Dave\t\tafter the return"),
                    messages(), "no gap, nothing twice");
        }
    }
}
