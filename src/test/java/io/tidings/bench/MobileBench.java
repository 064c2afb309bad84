package io.tidings.bench;

import io.tidings.testing.ApnsMock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mobile modes share: Pushy's APNs mock in this JVM (TLS on loopback, keys made now), the server's
 * settings pointing at it, and offline uids "mobile-N" each with a registered device.
 */
final class MobileBench implements AutoCloseable {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    final ApnsMock apple;
    final List<String> tokens = new ArrayList<>();

    private MobileBench(ApnsMock apple) {
        this.apple = apple;
    }

    /** Starts the mock and adds TIDINGS_APNS_* (and the given collapse window) to the server's settings. */
    static MobileBench start(Options options, int collapseSeconds) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench-mobile"));
        MobileBench bench = new MobileBench(new ApnsMock(Files.createTempDirectory(dir, "apns-")).start());
        bench.apple.validating(false); // each push's ES256 check would make the mock, not the server, the limit
        options.serverEnv.putAll(bench.apple.settings());
        options.serverEnv.putIfAbsent("TIDINGS_PUSH_COLLAPSE", Integer.toString(collapseSeconds));
        for (int i = 0; i < options.devices; i++) {
            bench.tokens.add(bench.apple.device(i));
        }
        return bench;
    }

    static String uid(int i) {
        return "mobile-" + i;
    }

    /** Registers every device through the API (concurrently) and waits for the answers. */
    void register(Run run, ApiPusher api) throws InterruptedException {
        Run.progress("registering " + tokens.size() + " devices");
        for (int i = 0; i < tokens.size(); i++) {
            api.post("api/devices", "{\"uid\":\"" + uid(i) + "\",\"platform\":\"apns\",\"token\":\"" + tokens.get(i)
                    + "\"}");
        }
        api.awaitIdle(Run.seconds(120));
        run.report.put("device_registrations", api.outcomes());
        api.resetOutcomes();
    }

    /** One series of the server's /metrics (0 when absent). */
    static double metric(Run run, String series) {
        return metric(run.server, series);
    }

    /** One series of a server's /metrics (0 when absent). */
    static double metric(ServerUnderTest server, String series) {
        try {
            String text = HTTP.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("metrics"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() throws Exception {
        apple.close();
    }
}
