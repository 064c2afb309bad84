package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of each thread of a process at one moment, from /proc/PID/task: where a process's CPU goes by thread
 * (Jetty workers, GC, JIT compilers), which a Java profiler alone does not show.
 */
final class ThreadCpu {
    private record Reading(String name, long nanos) {
    }

    private final Map<String, Reading> byThreadId;

    private ThreadCpu(Map<String, Reading> byThreadId) {
        this.byThreadId = byThreadId;
    }

    static ThreadCpu read(long pid, long nanosPerTick) {
        Map<String, Reading> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
                    threads.put(task.getFileName().toString(), new Reading(name, nanos));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(threads);
    }

    /** CPU (ns) since an earlier reading, by thread name with digits folded ("tidings-http-12" is "tidings-http-#"). */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> byName = new HashMap<>();
        byThreadId.forEach((id, now) -> {
            Reading before = earlier.byThreadId.get(id);
            byName.merge(now.name().replaceAll("\\d+", "#"), now.nanos() - (before == null ? 0 : before.nanos()),
                    Long::sum);
        });
        return byName;
    }

    /** The eight largest shares, in percent, largest first. */
    static Map<String, Double> percentages(Map<String, Long> byName) {
        long sum = Math.max(1, byName.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Double> shares = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(entry -> shares.put(entry.getKey(), Math.round(1000.0 * entry.getValue() / sum) / 10.0));
        return shares;
    }

    /** What the JIT compiler threads ("C1/C2 CompilerThread") used. */
    static long compilerNanos(Map<String, Long> byName) {
        return byName.entrySet().stream().filter(entry -> entry.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
