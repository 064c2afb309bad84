package io.tidings.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The pure parts of the load tool: marker parsing, the histogram, permessage-deflate reassembly. */
class BenchPartsTest {
    @Test
    void markerIsFoundInsideAnyFrameAndRejectedWhenTruncated() {
        byte[] frame = "{\"event\":\"alertTip\",\"msg\":\"BENCH:42:-1234\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        long[] parsed = new long[2];
        assertTrue(Marker.parse(frame, 0, frame.length, parsed));
        assertArrayEquals(new long[] {42, -1234}, parsed);
        byte[] cut = "{\"msg\":\"BENCH:42:\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(Marker.parse(cut, 0, cut.length, parsed));
        byte[] warm = ("{\"msg\":\"" + Marker.WARMUP + "\"}").getBytes(StandardCharsets.UTF_8);
        assertFalse(Marker.parse(warm, 0, warm.length, parsed));
    }

    @Test
    void histogramQuantilesAreWithinTwoPercent() {
        Histogram histogram = new Histogram();
        for (long v = 1; v <= 100_000; v++) {
            histogram.record(v * 1000);
        }
        assertEquals(100_000_000L, histogram.max());
        assertEquals(50_000_000.0, histogram.quantile(0.5), 50_000_000 * 0.02);
        assertEquals(99_000_000.0, histogram.quantile(0.99), 99_000_000 * 0.02);
        assertEquals(100_000, histogram.count());
    }

    @Test
    void compressedMessagesAreInflatedWithContextKeptAcrossMessages() throws Exception {
        InboundMessages inbound = new InboundMessages(true, false);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (ClientLoop loop = new ClientLoop(0, null)) {
            for (String text : new String[] {"BENCH:1:5 hello hello hello", "BENCH:2:6 hello hello hello"}) {
                byte[] compressed = compress(deflater, text);
                assertEquals(InboundMessages.COMPLETE, inbound.frame(Frames.TEXT, true, true, compressed, 0,
                        compressed.length, loop));
                assertEquals(text, new String(inbound.array(), inbound.offset(), inbound.length(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /** A permessage-deflate payload: raw deflate, sync-flushed, without the 00 00 ff ff tail. */
    private static byte[] compress(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[1024];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, length - 4);
    }
}
