package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's resource use from /proc (Linux): CPU time (user + system, all threads), resident memory, and,
 * through jcmd, a full GC and the heap in use. Reading /proc costs the measured process nothing.
 */
final class ProcStats {
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private final long pid;
    private final long nanosPerTick;

    ProcStats(long pid) {
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond();
    }

    static ProcStats self() {
        return new ProcStats(ProcessHandle.current().pid());
    }

    long pid() {
        return pid;
    }

    /** utime + stime of every thread, in nanoseconds (10 ms resolution with the usual 100 Hz clock tick). */
    long cpuNanos() {
        return userNanos() + systemNanos();
    }

    /** utime: CPU in the process's own code (Java, JIT, GC). */
    long userNanos() {
        return statField(11);
    }

    /** stime: CPU in the kernel on the process's behalf (socket reads and writes, epoll, accept, futex). */
    long systemNanos() {
        return statField(12);
    }

    /**
     * CPU (utime + stime, ns) of each live thread, keyed by thread id, as "name\tnanos": where a process's CPU
     * goes by thread (Jetty workers, GC, JIT compilers), which a Java profiler alone does not show.
     */
    Map<String, String> threadCpu() {
        Map<String, String> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
                    threads.put(task.getFileName().toString(), name + "\t" + nanos);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return threads;
    }

    /**
     * Share of the CPU between two {@link #threadCpu} readings, by thread name with its digits folded
     * ("tidings-http-12" and "tidings-http-3" are "tidings-http-#"), largest first, as percentages.
     */
    static Map<String, Double> threadShares(Map<String, String> before, Map<String, String> after) {
        return shares(byName(before, after));
    }

    /** CPU (ns) that the JIT compiler threads used between two {@link #threadCpu} readings. */
    static long compilerNanos(Map<String, String> before, Map<String, String> after) {
        return byName(before, after).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<String, Long> byName(Map<String, String> before, Map<String, String> after) {
        Map<String, Long> byName = new HashMap<>();
        for (Map.Entry<String, String> entry : after.entrySet()) {
            String[] now = entry.getValue().split("\t");
            String earlier = before.get(entry.getKey());
            long delta = Long.parseLong(now[1]) - (earlier == null ? 0 : Long.parseLong(earlier.split("\t")[1]));
            byName.merge(now[0].replaceAll("\\d+", "#"), delta, Long::sum);
        }
        return byName;
    }

    private static Map<String, Double> shares(Map<String, Long> byName) {
        long sum = Math.max(1, byName.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Double> shares = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(entry -> shares.put(entry.getKey(), Math.round(1000.0 * entry.getValue() / sum) / 10.0));
        return shares;
    }

    private long statField(int index) {
        String stat = read("stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14 (index 11), stime field 15 (index 12).
        return Long.parseLong(fields[index]) * nanosPerTick;
    }

    long rssKib() {
        return statusField("VmRSS:");
    }

    long threads() {
        return statusField("Threads:");
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** Full GC through jcmd (best effort: returns false when jcmd is missing or cannot attach). */
    boolean gc() {
        return jcmd("GC.run") != null;
    }

    /** Java heap in use, KiB, from jcmd GC.heap_info; -1 when unavailable. */
    long heapUsedKib() {
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher matcher = HEAP_USED.matcher(info);
        return matcher.find() ? Long.parseLong(matcher.group(2)) : -1;
    }

    /** Runs a jcmd command against the process; returns its output, or null on any failure. */
    String jcmd(String... command) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private long statusField(String name) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + " (is the server running?)", e);
        }
    }

    /** The kernel's USER_HZ; 100 on every mainstream Linux, asked of getconf to be sure. */
    private static long clockTicksPerSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * CPU time the whole machine spent busy (all cores; everything but idle and iowait), in nanoseconds: with the
     * server's and the client's own times it tells how much other processes took during a measurement.
     */
    long machineBusyNanos() {
        try {
            String[] fields = Files.readString(Path.of("/proc/stat")).split("\n", 2)[0].trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * nanosPerTick;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's load averages, as /proc/loadavg gives them ("0.52 0.40 0.31"). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
