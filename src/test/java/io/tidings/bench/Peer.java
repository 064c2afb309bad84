package io.tidings.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A peer server from the shared peers folder (issue 20: {@code node-ws}, {@code bun}): a yardstick that speaks
 * Tidings' wire protocol. The folder is read-only, so the peer is copied to {@code target/peers/NAME} and
 * installed there with {@code npm install} once; each run then starts it afresh in the foreground through its
 * own {@code run.sh}, so the process the bench measures is the server itself.
 */
final class Peer {
    /**
     * Where the peers live unless --peers-dir says otherwise: $TIDINGS_PEERS, else beside the repository, as on
     * the project's machines.
     */
    static final Path DEFAULT_DIR = Path.of(System.getenv().getOrDefault("TIDINGS_PEERS", "../shared/peers"));

    private final String name;
    private final Path source;
    private final Path installed;

    Peer(String name, Path peersDir) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("no such peer name '" + name + "'");
        }
        this.name = name;
        this.source = peersDir.resolve(name);
        this.installed = Path.of("target", "peers", name).toAbsolutePath();
    }

    String name() {
        return name;
    }

    /** Copies and installs the peer when that was not done yet (or its sources changed). */
    void install() throws IOException, InterruptedException {
        if (!Files.isRegularFile(source.resolve("run.sh"))) {
            throw new IllegalArgumentException("no peer '" + name + "' at " + source.toAbsolutePath()
                    + " (--peers-dir names the folder that holds the peers)");
        }
        boolean fresh = copyChangedFiles();
        if (fresh || !Files.isDirectory(installed.resolve("node_modules"))) {
            Run.progress("installing peer " + name + " (npm install in " + installed + ")");
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(installed.toFile())
                    .redirectErrorStream(true).redirectOutput(installed.resolve("npm-install.log").toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install of peer " + name + " failed; see "
                        + installed.resolve("npm-install.log"));
            }
        }
    }

    /** Copies the peer's top-level files that differ from the installed ones; true when any did. */
    private boolean copyChangedFiles() throws IOException {
        Files.createDirectories(installed);
        boolean changed = false;
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = installed.resolve(file.getFileName().toString());
                if (!Files.exists(target) || Files.mismatch(file, target) >= 0) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true, true);
                    target.toFile().setExecutable(Files.isExecutable(file), false);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The command that runs the peer in the foreground on 127.0.0.1:port with the bench's keys. */
    List<String> command(int port, String key, String apiKey) {
        return List.of(installed.resolve("run.sh").toString(), "--foreground", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--key", key, "--api-key", apiKey);
    }

    /** A loopback port free right now (the peers cannot bind port 0 and report it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
