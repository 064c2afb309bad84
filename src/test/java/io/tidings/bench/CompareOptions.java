package io.tidings.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code scripts/bench compare}. --peers, --floors, --variant, --quiet-load and --runs are the
 * comparison's own; the modes come first; every other option goes to each run. The floors (performance.md, "The
 * floor under the figures") and Tidings' variants (--variant LABEL:NAME=VALUE[,NAME=VALUE...]: Tidings started
 * with those settings as well, e.g. inbox-off:TIDINGS_INBOX=off) are shown beside the peers but are not peers.
 */
final class CompareOptions {
    private static final List<String> DEFAULT_PEERS = List.of("node-ws", "bun");

    /** Tidings first, then its variants, the peers and the floors: the table's columns. */
    final List<String> servers = new ArrayList<>(List.of(Options.TIDINGS));
    final List<String> peers = new ArrayList<>();
    /** Settings of each variant, by column name ("tidings/LABEL"). */
    final Map<String, List<String>> variants = new LinkedHashMap<>();
    final List<String> modes = new ArrayList<>();
    final List<String> passThrough = new ArrayList<>();
    boolean floors;
    double quietLoad;
    int runs = 1;

    CompareOptions(String[] args) {
        List<String> named = DEFAULT_PEERS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--peers" -> named = Arrays.asList(value(args, ++i, "--peers").split(","));
                case "--runs" -> runs = (int) number(value(args, ++i, "--runs"), "--runs");
                case "--floors" -> floors = true;
                case "--variant" -> variant(value(args, ++i, "--variant"));
                case "--quiet-load" -> quietLoad = number(value(args, ++i, "--quiet-load"), "--quiet-load");
                default -> {
                    if (passThrough.isEmpty() && !args[i].startsWith("--")) {
                        modes.add(args[i]);
                    } else {
                        passThrough.add(args[i]);
                    }
                }
            }
        }
        peers.addAll(named.stream().map(String::trim).filter(name -> !name.isEmpty()).toList());
        servers.addAll(variants.keySet());
        servers.addAll(peers);
        if (floors) {
            servers.addAll(List.of(ServerUnderTest.FLOOR_JAVA, ServerUnderTest.FLOOR_C));
        }
        check();
    }

    private void variant(String value) {
        int colon = value.indexOf(':');
        List<String> settings = colon < 0 ? List.of() : Arrays.asList(value.substring(colon + 1).split(","));
        if (colon <= 0 || settings.stream().anyMatch(setting -> setting.indexOf('=') <= 0)) {
            throw new IllegalArgumentException("--variant needs LABEL:NAME=VALUE[,NAME=VALUE...], not '" + value + "'");
        }
        variants.put(Options.TIDINGS + "/" + value.substring(0, colon), settings);
    }

    private static double number(String value, String name) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    /** Every mode and option is checked before the first run, as the runs would check them. */
    private void check() {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("compare needs at least one mode");
        }
        if (runs < 1 || runs > 20) {
            throw new IllegalArgumentException("--runs must be 1 to 20");
        }
        for (String option : List.of("--server", "--url", "--pid", "--jfr", "--class-histogram")) {
            if (passThrough.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="))) {
                throw new IllegalArgumentException(option + " is not for compare: it starts every server itself");
            }
        }
        for (String mode : modes) {
            if (CompareTable.figuresOf(mode).isEmpty()) {
                throw new IllegalArgumentException("compare does not run mode '" + mode + "' (the peers have no"
                        + " such API, or it is not a side-by-side figure)");
            }
            parse(mode);
        }
    }

    /** The options one run of a mode gets. */
    Options parse(String mode) {
        List<String> line = new ArrayList<>(List.of(mode));
        line.addAll(passThrough);
        return Options.parse(line.toArray(String[]::new));
    }

    /** The command line that repeats this comparison, for the table's heading. */
    String commandLine() {
        List<String> line = new ArrayList<>(List.of("scripts/bench", "compare", "--peers", String.join(",", peers)));
        if (floors) {
            line.add("--floors");
        }
        variants.forEach((label, settings) -> line.addAll(List.of("--variant",
                label.substring(Options.TIDINGS.length() + 1) + ":" + String.join(",", settings))));
        line.addAll(List.of("--runs", Integer.toString(runs)));
        line.addAll(modes);
        line.addAll(passThrough);
        return String.join(" ", line);
    }
}
