package io.tidings.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server (Debian's, 7.x) on a free loopback port, in a directory of its own, as the tests of cluster
 * mode need it: persistence by AOF only ({@code --save '' --appendonly yes}), stopped by its PID. A test class
 * starts one (or a few) and stops them when done. Without redis-server the test skips locally and fails in CI
 * ({@link Needs}). {@link #kill()}, {@link #restart()} and {@link #command} let a test inflict the faults cluster
 * mode must survive.
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "/usr/bin/redis-server";

    private final Path dir;
    private final int port;
    private final List<String> command;
    private final String password;
    private Process process;

    private RedisServer(Path dir, int port, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.command = command;
        int requirepass = command.indexOf("--requirepass");
        this.password = requirepass < 0 ? null : command.get(requirepass + 1);
    }

    /** Skips (locally) or fails (CI) when redis-server is not installed. */
    public static void require() {
        Needs.require(Files.isExecutable(Path.of(BINARY)), "redis-server",
                "install it with: apt-get install redis-server redis-tools");
    }

    /** A standalone server with AOF on, started and answering PING. */
    public static RedisServer start(String... extraArgs) throws Exception {
        require();
        Path dir = Files.createTempDirectory("tidings-redis");
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--dir", dir.toString(), "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        args.addAll(List.of(extraArgs));
        RedisServer server = new RedisServer(dir, port, args);
        server.launch();
        return server;
    }

    /** A replica of the given server (AOF on), started and answering PING. */
    public static RedisServer replicaOf(RedisServer master, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        args.addAll(List.of(extraArgs));
        return start(args.toArray(String[]::new));
    }

    /**
     * A Sentinel watching the master (quorum 1: one Sentinel decides), which takes it for down after a second
     * without answers and then promotes a replica.
     */
    public static RedisServer sentinel(String masterName, RedisServer master) throws Exception {
        require();
        Path dir = Files.createTempDirectory("tidings-sentinel");
        int port = freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + dir,
                "logfile " + dir.resolve("redis.log"),
                "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1", ""));
        RedisServer sentinel = new RedisServer(dir, port, List.of(BINARY, conf.toString(), "--sentinel"));
        sentinel.launch();
        return sentinel;
    }

    public int port() {
        return port;
    }

    /** The redis-server process's id (a benchmark reads its CPU time in /proc). */
    public long pid() {
        return process.pid();
    }

    /** redis://127.0.0.1:port */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitAnswering(Duration.ofSeconds(20));
    }

    private void awaitAnswering(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + log());
            }
            try {
                String pong = command("PING");
                if ("PONG".equals(pong)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("redis-server not answering on " + port + ": " + last + "\n" + log());
    }

    /** SIGKILL, as a crash ends it; waits until it is gone. What was acknowledged is in its AOF (appendfsync). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server still alive 30 s after SIGKILL");
        }
    }

    /** SIGTERM: Redis writes its AOF and exits. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Starts it again on the same port and directory (after {@link #kill} or {@link #stop}): it loads its AOF. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * One command over a plain socket (inline protocol), its reply as text: a status or bulk string, an integer,
     * the elements of an array joined by newlines, or "ERR ..." for an error.
     */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder();
            if (password != null) {
                append(request, "AUTH", password); // a server started with --requirepass
            }
            append(request, words);
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            if (password != null) {
                reply(in);
            }
            return reply(in);
        }
    }

    private static void append(StringBuilder request, String... words) {
        request.append('*').append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed");
        }
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return line.substring(1);
            }
            case '-' -> {
                return line.substring(1);
            }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                char[] data = new char[length];
                int read = 0;
                while (read < length) {
                    int n = in.read(data, read, length - read);
                    if (n < 0) {
                        throw new IOException("connection closed");
                    }
                    read += n;
                }
                in.readLine();
                return new String(data);
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                return String.join("\n", items);
            }
            default -> throw new IOException("unexpected reply " + line);
        }
    }

    /** Its log, for a failure message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A TCP port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
