package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigException;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.TestKeys;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rediss://: nodes reach a Redis that speaks only TLS (its plain port serves the test's own checks), trusting the
 * private CA that TIDINGS_REDIS_CA names; without that CA, or with a file that is no certificate, a node does not
 * start and says which setting.
 */
class RedisTlsTest {
    private static RedisServer redis;
    private static Path ca;
    private static String url;
    private static TestCluster nodes;

    @BeforeAll
    static void start() throws Exception {
        RedisServer.require();
        Path dir = Files.createTempDirectory("tidings-redis-tls");
        KeyPair key = TestKeys.ec();
        ca = TestKeys.writeCertificate(dir.resolve("ca.pem"), TestKeys.selfSigned(key)); // its own CA
        Path keyFile = TestKeys.writeKey(dir.resolve("key.pem"), key);
        int tlsPort = TestServer.freePort();
        redis = RedisServer.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", ca.toString(),
                "--tls-key-file", keyFile.toString(), "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no");
        url = "rediss://127.0.0.1:" + tlsPort;
        nodes = TestCluster.start(url, 2, Map.of("TIDINGS_REDIS_CA", ca.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {nodes, redis}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    void aPushThroughOneNodeReachesASessionOnTheOtherOverTls() throws Exception {
        try (WsClient client = WsClient.connectOnline(nodes.ws(1, "tls-user"))) {
            JsonObject pushed = nodes.api(0).post("/api/push", "{\"uid\":\"tls-user\",\"event\":\"over-tls\"}").json();
            assertEquals(1, pushed.getInt("delivered"), pushed.toString());
            assertTrue(pushed.getBoolean("stored"), pushed.toString());
            assertEquals("over-tls", client.nextJson().getString("event"));
        }
        String clients = redis.command("CLIENT", "LIST");
        assertTrue(clients.lines().filter(line -> line.contains("laddr=127.0.0.1:" + url.replaceAll(".*:", "")))
                .count() >= 4, "the nodes' connections are on the TLS port: " + clients);
    }

    @Test
    void withoutTheCaANodeDoesNotStartAndNamesTheSetting() {
        ConfigException failure = assertThrows(ConfigException.class, () -> TestServer.start(Map.of(
                "TIDINGS_REDIS_URL", url, "TIDINGS_NODE_ID", "untrusting")).close());
        assertTrue(failure.getMessage().contains("TIDINGS_REDIS_URL"), failure.getMessage());
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsAStartupErrorNamingIt() throws Exception {
        Path notPem = Files.writeString(Files.createTempFile("not-a-ca", ".pem"), "hello");
        ConfigException failure = assertThrows(ConfigException.class, () -> TestServer.start(Map.of(
                "TIDINGS_REDIS_URL", url, "TIDINGS_REDIS_CA", notPem.toString())).close());
        assertTrue(failure.getMessage().contains("TIDINGS_REDIS_CA"), failure.getMessage());
        ConfigException plain = assertThrows(ConfigException.class, () -> TestServer.start(Map.of(
                "TIDINGS_REDIS_URL", redis.url(), "TIDINGS_REDIS_CA", ca.toString())).close());
        assertTrue(plain.getMessage().contains("names no rediss://"), plain.getMessage());
    }
}
