package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** CPU of each of the process's threads, now. */
    ThreadCpu threadCpu() {
        return ThreadCpu.read(pid, nanosPerTick);
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
        // G1 prints one heap line; ParallelGC and SerialGC one per generation: add them all up.
        Matcher matcher = HEAP_USED.matcher(info);
        long used = -1;
        while (matcher.find()) {
            used = Math.max(used, 0) + Long.parseLong(matcher.group(2));
        }
        return used;
    }

    /** Open file descriptors of the process (sockets included), from /proc/PID/fd. */
    long openFiles() {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs a jcmd command against the process; returns its output, or null on any failure. */
    String jcmd(String... command) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of(jcmdExecutable(), Long.toString(pid)));
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

    /** The jcmd of the JDK the process runs on (a JDK 17 jcmd may not speak to a newer JVM), else the PATH's. */
    private String jcmdExecutable() {
        try {
            Path jcmd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).resolveSibling("jcmd");
            return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        } catch (IOException | UnsupportedOperationException e) {
            return "jcmd";
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
