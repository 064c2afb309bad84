package io.tidings.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code scripts/bench jfr-top FILE.jfr [N [METHOD]]}: where a recording's CPU samples and allocations went.
 * Prints the top N methods by own samples, by samples anywhere on the stack (inclusive), and the allocation sites
 * (first frame outside java.*, jdk.*, sun.*) by sampled weight. With METHOD (Class.method), also which methods it
 * calls take its samples.
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: scripts/bench jfr-top FILE.jfr [N]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String focus = args.length > 2 ? args[2] : null;
        Map<String, Long> callees = new HashMap<>();
        long focusSamples = 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (seen.add(name(frame))) {
                        inclusive.merge(name(frame), 1L, Long::sum);
                    }
                }
                int at = focus == null ? -1 : outermost(frames, focus);
                if (at >= 0) {
                    focusSamples++;
                    callees.merge(at == 0 ? "(own time)" : name(frames.get(at - 1)), 1L, Long::sum);
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocated += weight;
                allocations.merge(site(frames) + " <- " + event.getClass("objectClass").getName(), weight, Long::sum);
            }
        }
        print("CPU samples, own time (" + samples + " samples)", self, samples, top);
        print("CPU samples, inclusive", inclusive, samples, top);
        print("allocation, sampled bytes (" + allocated / (1 << 20) + " MiB)", allocations, allocated, top);
        if (focus != null) {
            print("callees of " + focus + " (" + focusSamples + " samples, % of those)", callees, focusSamples, top);
        }
    }

    /** Index of the outermost frame (nearest the thread's start) of the method, or -1. */
    private static int outermost(List<RecordedFrame> frames, String method) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (name(frames.get(i)).equals(method)) {
                return i;
            }
        }
        return -1;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String site(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return name(frame) + ":" + frame.getLineNumber();
            }
        }
        return name(frames.get(0));
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println("\n== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(entry -> System.out.printf("%6.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total),
                        entry.getKey()));
    }
}
