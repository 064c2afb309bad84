package io.tidings.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundLimitTest {
    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String text : new String[] {"", "ascii", "é", "héllo", "你好", "👋", "a👋é你", "\u007f\u0080\u07ff\u0800\uffff"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, InboundLimit.utf8Length(text), text);
        }
    }

    @Test
    void theLimitIsInclusiveAndCountsBytes() {
        InboundLimit limit = new InboundLimit(8);
        assertFalse(limit.exceeds("12345678"));
        assertTrue(limit.exceeds("123456789"));
        assertFalse(limit.exceeds("éééé"));
        assertTrue(limit.exceeds("ééééé"), "5 characters, 10 bytes");
        assertFalse(limit.exceeds("👋👋"));
        assertTrue(limit.exceeds("👋👋a"));
    }

    @Test
    void binaryCountsRemainingBytes() {
        InboundLimit limit = new InboundLimit(4);
        assertFalse(limit.exceedsBytes(4));
        assertTrue(limit.exceedsBytes(5));
    }
}
