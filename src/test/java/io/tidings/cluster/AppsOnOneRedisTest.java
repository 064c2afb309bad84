package io.tidings.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.ConfigException;
import io.tidings.testing.RedisServer;
import io.tidings.testing.TestCluster;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two apps share one password-protected Redis, in a database other than 0, told apart only by
 * TIDINGS_REDIS_PREFIX: the same uid online in both never sees the other app's messages, sessions or presence,
 * and a wrong password stops a node at startup with an error naming the setting, not the password.
 */
class AppsOnOneRedisTest {
    private static final String PASSWORD = "s3cret-pw";
    private static RedisServer redis;
    private static String url;
    private static TestCluster first;
    private static TestCluster second;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--requirepass", PASSWORD);
        url = "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/3";
        first = TestCluster.start(url, 2);
        second = TestCluster.start(url, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {first, second, redis}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @Test
    void theSameUidInTwoAppsOnOneRedisNeverHearsTheOtherApp() throws Exception {
        try (WsClient inFirst = WsClient.connectOnline(first.ws(1, "shared"));
                WsClient inSecond = WsClient.connectOnline(second.ws(0, "shared"))) {
            long secondTop = inSecond.welcome().getJsonNumber("seq").longValue();
            JsonObject pushed = first.api(0).post("/api/push", "{\"uid\":\"shared\",\"event\":\"one\"}").json();
            assertEquals(1, pushed.getInt("delivered"), pushed.toString());
            assertEquals("one", inFirst.nextJson().getString("event"));

            JsonObject own = second.api(0).post("/api/push", "{\"uid\":\"shared\",\"event\":\"two\"}").json();
            assertEquals(1, own.getInt("delivered"), own.toString());
            JsonObject received = inSecond.nextJson();
            assertEquals("two", received.getString("event"), "the other app's message never arrives");
            assertEquals(secondTop + 1, received.getJsonNumber("seq").longValue(), "nor is it in this app's inbox");

            JsonObject sessions = second.api(0).get("/api/sessions?uid=shared").json();
            assertEquals(1, sessions.getJsonArray("sessions").size(), sessions.toString());
        }
        try (WsClient onlyFirst = WsClient.connectOnline(first.ws(0, "only-first"))) {
            assertTrue(first.api(1).get("/api/online?uid=only-first").json().getBoolean("online"));
            assertFalse(second.api(0).get("/api/online?uid=only-first").json().getBoolean("online"));
        }
        String keyspace = redis.command("INFO", "keyspace");
        assertTrue(keyspace.contains("db3:"), keyspace);
        assertFalse(keyspace.contains("db0:"), "everything goes to the database the URL names: " + keyspace);
    }

    @Test
    void aWrongPasswordStopsTheNodeNamingTheSettingButNotThePassword() {
        String wrong = "redis://:not-the-password@127.0.0.1:" + redis.port() + "/3";
        ConfigException failure = assertThrows(ConfigException.class, () -> TestServer.start(Map.of(
                "TIDINGS_REDIS_URL", wrong, "TIDINGS_NODE_ID", "lost")).close());
        assertTrue(failure.getMessage().contains("TIDINGS_REDIS_URL"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-password"), failure.getMessage());
    }
}
