package io.tidings.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTableTest {

    public record Payload(String text) {
    }

    /** Well-formed handlers next to ordinary public methods that must never become events. */
    public static final class Good {
        @OnEvent("hello")
        public void hello(EventContext context) {
        }

        @OnEvent("echo")
        public void echo(EventContext context, Payload payload) throws io.tidings.close.CloseException {
        }

        public void close() {
        }

        public void push(EventContext context) {
        }
    }

    /** Every mistake at once. */
    public static final class Bad {
        @OnEvent("static")
        public static void isStatic(EventContext context) {
        }

        @OnEvent("private")
        private void isPrivate(EventContext context) {
        }

        @OnEvent("returns")
        public String returnsValue(EventContext context) {
            return "";
        }

        @OnEvent("noContext")
        public void noContext(Payload payload) {
        }

        @OnEvent("notRecord")
        public void notRecord(EventContext context, String text) {
        }

        @OnEvent("checked")
        public void checked(EventContext context) throws java.io.IOException {
        }

        @OnEvent("bad name!")
        public void badName(EventContext context) {
        }

        @OnEvent("hello")
        public void duplicate(EventContext context) {
        }
    }

    @Test
    void onlyAnnotatedMethodsBecomeEvents() {
        EventTable table = EventTable.scan(new Good());
        assertEquals(Set.of("hello", "echo"), table.events());
        assertNull(table.find("close"));
        assertNull(table.find("push"));
        assertNull(table.find("toString"));
        assertNotNull(table.find("echo"));
        assertEquals(Payload.class, table.find("echo").payloadType());
        assertNull(table.find("hello").payloadType());
    }

    @Test
    void everyBadHandlerIsReportedAtOnce() {
        InvalidHandlersException failure = assertThrows(InvalidHandlersException.class,
                () -> EventTable.scan(new Good(), new Bad()));
        String all = String.join("\n", failure.problems());
        for (String method : new String[] {"isStatic", "isPrivate", "returnsValue", "noContext", "notRecord",
            "checked", "badName", "duplicate"}) {
            assertTrue(all.contains("Bad." + method + ":"), "reported " + method + " in:\n" + all);
        }
        assertEquals(8, failure.problems().size(), all);
    }
}
