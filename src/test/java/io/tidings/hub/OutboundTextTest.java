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

    @Test
    void framesOnceFromTheUtf8Bytes() {
        OutboundText frame = new OutboundText("{\"msg\":\"hi\"}");
        java.util.concurrent.atomic.AtomicInteger framings = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.UnaryOperator<byte[]> framing = utf8 -> {
            framings.incrementAndGet();
            assertSame(frame.utf8(), utf8);
            return new byte[] {1, 2};
        };
        byte[] first = frame.framed(framing);
        assertSame(first, frame.framed(framing), "the second session gets the same frame");
        org.junit.jupiter.api.Assertions.assertEquals(1, framings.get());
    }
}
