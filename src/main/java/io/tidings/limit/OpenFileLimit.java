package io.tidings.limit;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every WebSocket holds a file descriptor. When the process may open fewer files than TIDINGS_MAX_CONNECTIONS
 * allows sessions, the server runs out of descriptors before its own limit turns anyone away (1013), and new
 * connections then fail without a close code; this is said once, at startup.
 */
public final class OpenFileLimit {
    private OpenFileLimit() {
    }

    /** The process's limit on open files (its soft RLIMIT_NOFILE, as the JVM raised it), where the OS tells. */
    public static OptionalLong current() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    /** The startup warning when maxConnections (0: no limit) is above the given open-files limit. */
    public static Optional<String> warning(int maxConnections, OptionalLong openFiles) {
        if (openFiles.isEmpty() || maxConnections > 0 && maxConnections <= openFiles.getAsLong()) {
            return Optional.empty();
        }
        long files = openFiles.getAsLong();
        return Optional.of("TIDINGS_MAX_CONNECTIONS is " + (maxConnections == 0 ? "0 (no limit)" : maxConnections)
                + " but this process may open only " + files + " files, one per connection: past about " + files
                + " connections, new ones fail without a close code. Raise the limit (ulimit -n, or LimitNOFILE= in a"
                + " systemd unit) or set TIDINGS_MAX_CONNECTIONS below it");
    }
}
