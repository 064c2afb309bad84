package io.tidings.launcher;

import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/** The launcher's first log line: which Java runs the server, with which JVM options (figures depend on both). */
final class JavaRuntime {
    private JavaRuntime() {
    }

    /**
     * "Java 25.0.3+9-LTS (Eclipse Adoptium, /usr/lib/jvm/...), options -Xmx1g ...". Only the -X options are
     * shown: a -D system property may carry a setting such as tidings.key, which must never reach a log.
     */
    static String describe() {
        String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-X")).collect(Collectors.joining(" "));
        return "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + "), options " + (options.isEmpty() ? "none" : options);
    }
}
