package io.tidings.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.close.CloseReason;
import io.tidings.testing.ApiClient;
import io.tidings.testing.RawWebSocket;
import io.tidings.testing.TestServer;
import io.tidings.testing.container.ContainerExtension;
import io.tidings.testing.container.ContainerRun;
import io.tidings.testing.container.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A close the server sends reaches a client that is still reading, and is counted with the code sent. After its
 * close frame the server reads on (and drops) what the client still sends, until the client's close frame or a
 * deadline (RFC 6455 section 7.1.1): a connection ended with the client's frames unread makes the kernel answer
 * with a reset, and the client never reads the close frame, nor anything before it. That raced, so each case
 * runs {@value #RUNS} times and must hold every time.
 */
@ExtendWith(ContainerExtension.class)
class CloseDeliveryIT {
    static final int RUNS = 50;
    /** A deployment of its own, without an inbox: megabytes of pushes to stalled clients need not be kept. */
    static final String PATH = "/tidings-close";
    static Deployment tidings;

    @BeforeAll
    static void deploy(ContainerRun run) throws Exception {
        tidings = run.deploy(PATH, Map.of("TIDINGS_KEY", TestServer.KEY, "TIDINGS_API_KEY", TestServer.API_KEY,
                "TIDINGS_INBOX", "off"));
    }

    @AfterAll
    static void undeploy(ContainerRun run) throws Exception {
        run.undeploy(PATH);
    }

    /** 2 000 ping events written at once, far beyond the event rate (20/s, bursts of 40): closed 4009. */
    @Test
    void aFloodingClientReadsItsRateLimitedCloseEveryTime() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        byte[] ping = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            frames.write(RawWebSocket.frame(0x81, ping, true));
        }
        byte[] flood = frames.toByteArray();
        double before = closedCount(CloseReason.RATE_LIMITED);
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor("cf" + run), 0)) {
                client.sendRaw(flood);
                expectClose(client, CloseReason.RATE_LIMITED, run, failures);
            } catch (IOException e) {
                failures.add("run " + run + ": " + e);
            }
        }
        assertNoFailures(failures, "closes that did not reach the flooding client");
        assertCounted(CloseReason.RATE_LIMITED, before + RUNS);
    }

    /**
     * A client that stops reading until the server has given it up (4008, its queue of 1 MiB overflowed), then
     * reads: behind the frames already on their way it finds the close frame.
     */
    @Test
    void aClientThatStopsReadingThenReadsFindsItsSlowConsumerCloseEveryTime() throws Exception {
        ApiClient api = ApiClient.at(tidings.base());
        String pad = "x".repeat(250_000);
        double before = closedCount(CloseReason.SLOW_CONSUMER);
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String uid = "cs" + run;
            try (RawWebSocket client = RawWebSocket.connect(tidings.wsFor(uid), 4096)) {
                client.sendText("{\"event\":\"ping\"}");
                client.readFrame(); // the pong: registered; from here on the client reads nothing for a while
                int pushes = 0;
                while (pushes < 2_000 && api.post("api/push", "{\"uid\":\"" + uid + "\",\"event\":\"fill\",\"data\":"
                        + "{\"pad\":\"" + pad + "\"}}").json().getInt("delivered") > 0) {
                    pushes++;
                }
                expectClose(client, CloseReason.SLOW_CONSUMER, run, failures);
            } catch (IOException e) {
                failures.add("run " + run + ": " + e);
            }
        }
        assertNoFailures(failures, "closes that did not reach the slow client");
        assertCounted(CloseReason.SLOW_CONSUMER, before + RUNS);
    }

    private static void expectClose(RawWebSocket client, CloseReason expected, int run, List<String> failures)
            throws IOException {
        RawWebSocket.Frame close = client.readUntilClose();
        if (close.closeCode() != expected.code()) {
            failures.add("run " + run + ": closed " + close.closeCode() + " " + close.text());
        }
        client.answerClose(close);
        if (!client.awaitEnd()) {
            failures.add("run " + run + ": the connection was reset after the close handshake");
        }
    }

    private static void assertNoFailures(List<String> failures, String what) {
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                failures.size() + " of " + RUNS + " " + what + " (the first 5 shown)");
    }

    private static double closedCount(CloseReason reason) throws Exception {
        String series = "tidings_sessions_closed_total{code=\"" + reason.code() + "\",reason=\"" + reason.label() + "\"}";
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                .matcher(ApiClient.at(tidings.base(), null).get("metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The metric counts the code the server sent, once each session has ended (which may lag a little). */
    private static void assertCounted(CloseReason reason, double expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (closedCount(reason) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, closedCount(reason), "sessions counted as closed " + reason.code() + " " + reason.label());
    }
}
