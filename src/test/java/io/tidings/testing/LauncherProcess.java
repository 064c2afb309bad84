package io.tidings.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher in its own JVM, as scripts/run starts it, with every line it prints captured. It starts
 * without the warm-up (TIDINGS_WARMUP 0) unless the environment given asks for one.
 */
public final class LauncherProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Tidings listening on port (\\d+)");
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public LauncherProcess(Map<String, String> environment) throws Exception {
        this(environment, 0);
    }

    /** With the process's limit on open files lowered (ulimit -n) to openFiles, unless that is 0. */
    public LauncherProcess(Map<String, String> environment, int openFiles) throws Exception {
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tidings.launcher.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TIDINGS_"));
        builder.environment().put("TIDINGS_WARMUP", "0");
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // process gone
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The port once the launcher says it is listening; fails after the timeout. */
    public int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("launcher exited: " + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("launcher not listening within " + timeout + ": " + String.join("\n", lines));
    }

    /** Sends SIGTERM (what a service manager does) and waits for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        signalTerm();
        return awaitExit(timeout);
    }

    /** Sends SIGTERM without waiting. */
    public void signalTerm() {
        process.destroy();
    }

    /** Waits for the process to exit; fails (and kills it) after the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGSTOP: the process stalls (a long GC pause, a frozen VM) until {@link #resume}; its sockets stay open. */
    public void suspend() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend}. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash or the OOM killer ends a process: nothing runs after it. Waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("launcher still alive 30 s after SIGKILL");
        }
    }

    /** Everything printed so far (stdout and stderr). */
    public String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
