package io.tidings.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The command line of {@code scripts/bench MODE [--option value ...]}; see {@link #USAGE}. */
final class Options {
    static final String USAGE = """
            usage: scripts/bench MODE [options]        (scripts/bench jmh [filter] for the microbenchmarks)
                   scripts/bench compare [--peers node-ws,bun] [--floors] [--variant LABEL:NAME=VALUE,...]
                                 [--runs N] [--quiet-load L] MODE... [options]
            modes:
              idle           hold --sessions idle sessions (18 000): RSS per session, CPU per connect and idle session
              connect-storm  --sessions connects at --rate/s after a warm-up storm: connect p50/p99, CPU per connect
              cold-storm     the same storm into a fresh server, no warm-up: a restart's reconnect storm
              alert          --sessions sessions send alertTip at --rate/s to their neighbour: CPU per delivery
              push           POST /api/push at --rate/s, one uid each
              batch-push     POST /api/push/batch, --batch pushes per request, --rate pushes/s
              broadcast      POST /api/push {"all":true} at --rate/s to --sessions sessions
              soak           --sessions sessions for --duration with alerts, churn and heartbeats; RSS trend
              resume         --resumes users away for --missed messages each resume beside alerts at --rate/s
              mobile         --devices offline uids with an APNs device each (mock in this JVM): pushes/s, CPU per job
              mobile-stall   alert p99 at --rate/s alone, beside --push-rate offline pushes/s to a mock that answers
                             at once, beside them to a mock that answers each after --stall ms, alone again
              chat           --rooms rooms of --members members on /chat; members say --rate messages/s in all
              failover       (with --cluster) --sessions on one node, killed; they resume on the others at --rate/s
            options (defaults depend on the mode):
              --sessions N          sessions to hold                --rate R         operations per second
              --duration S          measured seconds                --warmup S       warm-up seconds (storm: connects)
              --connect-rate R      set-up connects per second      --connect-timeout S  per connect (15)
              --batch N             pushes per batch request (100)  --in-flight N    concurrent API requests (32)
              --loops N             client I/O threads (2)          --sources N      127.0.0.x source addresses (64)
              --deflate             offer permessage-deflate as browsers do
              --gc-before B         connect-storm: full GC between warm-up and measured storm (false)
              --jwt                 authenticate with JWTs instead of legacy md5 tokens
              --heartbeat S         client {"event":"ping"} per session every S seconds (30; 0 = off)
              --churn R             soak: extra sessions opened and closed per second (20)
              --payload N           extra characters in every message (0)
              --resumes N           resume: how many resumes (200)  --missed N       messages each missed (100)
              --prefill N           idle: messages stored in the inbox (over 10 000 uids) before the sessions
              --devices N           mobile: registered devices (10000; mobile-stall: 1000)
              --push-rate R         mobile-stall: offline pushes per second beside the alerts (200)
              --stall MS            mobile-stall: the APNs mock answers each push after MS ms (5000)
              --rooms N             chat: rooms (100)               --members N      chat: members per room (50)
              --drain S             wait at most S seconds for messages still in flight (15)
              --report-every S      progress line every S seconds (10)
              --jfr FILE            record the measured phase with JFR into FILE (jcmd JFR.start)
              --class-histogram F   idle: the server's heap by class (jcmd GC.class_histogram) into F
              --server-env K=V      extra environment for the server the bench starts (repeatable)
              --cluster N           alert, push, chat: a single node, then N nodes on a Redis the bench starts, sessions
                                    spread and every message crossing nodes; CPU of all processes compared
                                    mobile: the same, pushes spread over the nodes, every node's pump taking jobs
              --server NAME         tidings (default: scripts/run), a peer (node-ws, bun), floor-java or floor-c
              --peers-dir DIR       where the peers are ($TIDINGS_PEERS, else ../shared/peers); installed under target/peers
              --url URL --pid PID   measure a running server instead (loopback only); with --key, --api-key
              --timeout S           hard limit for the whole run (default: generous, from the other options)
            """;

    final String mode;
    int sessions;
    double rate;
    double duration;
    double warmup;
    double connectRate = 2000;
    double connectTimeout = 15;
    int batch = 100;
    int inFlight = 32;
    int loops = 2;
    int sources = 64;
    boolean deflate;
    boolean gcBeforeMeasuring;
    boolean jwt;
    double heartbeat = 30;
    double churn = 20;
    int payload;
    int resumes = 200;
    int missed = 100;
    int prefill;
    int devices = 10_000;
    double pushRate = 200;
    long stallMillis = 5000;
    int rooms = 100;
    int members = 50;
    double drain = 15;
    double reportEvery = 10;
    Path jfr;
    Path classHistogram;
    final Map<String, String> serverEnv = new HashMap<>();
    static final String TIDINGS = "tidings";
    String server = TIDINGS;
    Path peersDir = Peer.DEFAULT_DIR;
    URI url;
    long pid = -1;
    String key = ServerUnderTest.BENCH_KEY;
    String apiKey = ServerUnderTest.BENCH_API_KEY;
    double timeout;
    int cluster;

    private Options(String mode) {
        this.mode = mode;
        switch (mode) {
            case "idle" -> defaults(18_000, 0, 20, 0); // as the peers' figures were taken
            case "connect-storm" -> defaults(10_000, 5_000, 0, 10_000);
            case "cold-storm" -> defaults(10_000, 5_000, 0, 0);
            case "alert" -> defaults(2_000, 5_000, 15, 20);
            case "push" -> defaults(2_000, 2_000, 15, 20);
            case "batch-push" -> defaults(2_000, 20_000, 15, 20);
            case "broadcast" -> defaults(2_000, 10, 15, 20);
            case "soak" -> defaults(2_000, 200, 600, 5);
            case "resume" -> defaults(2_000, 5_000, 0, 10);
            case "mobile" -> defaults(0, 0, 0, 0);
            case "mobile-stall" -> {
                defaults(2_000, 5_000, 15, 5);
                devices = 1000;
            }
            case "chat" -> defaults(5_000, 1_000, 30, 5);
            case "failover" -> defaults(10_000, 5_000, 0, 0);
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
        }
    }

    private void defaults(int sessions, double rate, double duration, double warmup) {
        this.sessions = sessions;
        this.rate = rate;
        this.duration = duration;
        this.warmup = warmup;
    }

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no mode given");
        }
        Options options = new Options(args[0]);
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals("--deflate") || name.equals("--jwt")) {
                options.flag(name);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            options.set(name, value);
        }
        if (options.mode.equals("cold-storm")) {
            options.warmup = 0; // a fresh process is the point, whatever else the line says
        }
        if (options.mode.equals("chat")) {
            options.sessions = options.rooms * options.members;
        }
        if (options.timeout <= 0) {
            // A cluster run measures a single node, then the cluster, each with its own set-up.
            options.timeout = options.defaultTimeout() * (options.cluster > 0 ? 3 : 1);
        }
        return options;
    }

    private void flag(String name) {
        if (name.equals("--deflate")) {
            deflate = true;
        } else {
            jwt = true;
        }
    }

    private void set(String name, String value) {
        switch (name) {
            case "--sessions" -> sessions = positive(name, value);
            case "--rate" -> rate = number(name, value);
            case "--duration" -> duration = number(name, value);
            case "--warmup" -> warmup = number(name, value);
            case "--connect-rate" -> connectRate = number(name, value);
            case "--connect-timeout" -> connectTimeout = number(name, value);
            case "--batch" -> batch = positive(name, value);
            case "--in-flight" -> inFlight = positive(name, value);
            case "--loops" -> loops = positive(name, value);
            case "--sources" -> sources = (int) number(name, value);
            case "--heartbeat" -> heartbeat = number(name, value);
            case "--churn" -> churn = number(name, value);
            case "--payload" -> payload = (int) number(name, value);
            case "--resumes" -> resumes = positive(name, value);
            case "--missed" -> missed = positive(name, value);
            case "--prefill" -> prefill = (int) number(name, value);
            case "--devices" -> devices = positive(name, value);
            case "--push-rate" -> pushRate = number(name, value);
            case "--stall" -> stallMillis = (long) number(name, value);
            case "--rooms" -> rooms = positive(name, value);
            case "--members" -> members = positive(name, value);
            case "--drain" -> drain = number(name, value);
            case "--report-every" -> reportEvery = number(name, value);
            case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
            case "--class-histogram" -> classHistogram = Path.of(value).toAbsolutePath();
            case "--server-env" -> serverEnv(value);
            case "--server" -> server = value;
            case "--peers-dir" -> peersDir = Path.of(value);
            case "--url" -> url = URI.create(value);
            case "--pid" -> pid = positive(name, value);
            case "--key" -> key = value;
            case "--api-key" -> apiKey = value;
            case "--timeout" -> timeout = number(name, value);
            case "--gc-before" -> gcBeforeMeasuring = bool(name, value);
            case "--cluster" -> cluster = positive(name, value);
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private void serverEnv(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--server-env needs NAME=VALUE, not '" + value + "'");
        }
        serverEnv.put(value.substring(0, equals), value.substring(equals + 1));
    }

    /** Set-up, warm-up, measurement and drains with room to spare: the run is killed past it. */
    private double defaultTimeout() {
        double connects = (sessions * 3.0) / Math.max(100, Math.min(connectRate, rate > 0 ? rate : connectRate));
        return 240 + connects + warmup + duration * 1.5 + drain * 3;
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static double number(String name, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    private static int positive(String name, String value) {
        double number = number(name, value);
        if (number < 1 || number > Integer.MAX_VALUE || number != Math.rint(number)) {
            throw new IllegalArgumentException(name + " must be a positive whole number");
        }
        return (int) number;
    }
}
