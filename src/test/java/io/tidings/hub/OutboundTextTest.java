package io.tidings.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundTextTest {
    @Test
    void encodesOnceHoweverManySessionsAskForTheBytes() {
        OutboundText frame = new OutboundText("{\"msg\":\"收到一条新的回复 😀\"}");
        byte[] first = frame.utf8();
        assertSame(first, frame.utf8(), "the second sender gets the same encoding");
        assertArrayEquals(frame.text().getBytes(StandardCharsets.UTF_8), first);
    }
}
