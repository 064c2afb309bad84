package io.tidings.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10 000 pushes to 100 users arrive exactly once each, in order per user. Four backend threads push at once,
 * each owning a quarter of the users, so the server handles concurrent requests while every user's pushes still
 * have a defined order. Correctness only: speed belongs in the benchmark.
 */
class PushVolumeTest {
    static final int USERS = 100;
    static final int PER_USER = 100;
    static final int SENDERS = 4;
    static final int BATCH = 500;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String uid(int user) {
        return "vol-" + user;
    }

    @Test
    void tenThousandPushesArriveExactlyOnceInOrderPerUser() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            for (int user = 0; user < USERS; user++) {
                clients.add(WsClient.connectOnline(server.wsFor(uid(user))));
            }
            List<Future<Integer>> delivered = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int owner = sender;
                delivered.add(senders.submit(() -> pushAllFor(owner)));
            }
            int total = 0;
            for (Future<Integer> future : delivered) {
                total += future.get(60, TimeUnit.SECONDS);
            }
            assertEquals(USERS * PER_USER, total);
            for (int user = 0; user < USERS; user++) {
                WsClient client = clients.get(user);
                for (int seq = 0; seq < PER_USER; seq++) {
                    JsonObject data = client.nextJson().getJsonObject("data");
                    assertEquals(uid(user), data.getString("to"));
                    assertEquals(seq, data.getInt("seq"), "user " + user + " out of order");
                }
            }
            assertNull(clients.get(USERS - 1).poll(Duration.ofMillis(300)), "a message arrived twice");
            for (WsClient client : clients) {
                assertEquals(0, client.pending(), "a message arrived twice");
            }
        } finally {
            senders.shutdownNow();
            clients.forEach(WsClient::close);
        }
    }

    /** Pushes every message of the users this sender owns, in batches; returns the sessions written. */
    private static int pushAllFor(int sender) throws Exception {
        ApiClient api = ApiClient.of(server);
        JsonArrayBuilder batch = Json.createArrayBuilder();
        int inBatch = 0;
        int delivered = 0;
        for (int seq = 0; seq < PER_USER; seq++) {
            for (int user = sender; user < USERS; user += SENDERS) {
                batch.add(Json.createObjectBuilder().add("uid", uid(user)).add("event", "vol")
                        .add("data", Json.createObjectBuilder().add("to", uid(user)).add("seq", seq)));
                if (++inBatch == BATCH) {
                    delivered += send(api, batch);
                    batch = Json.createArrayBuilder();
                    inBatch = 0;
                }
            }
        }
        return inBatch == 0 ? delivered : delivered + send(api, batch);
    }

    private static int send(ApiClient api, JsonArrayBuilder pushes) throws Exception {
        Reply reply = api.post("api/push/batch", Json.createObjectBuilder().add("pushes", pushes).build().toString());
        assertEquals(200, reply.status(), reply.body());
        int delivered = 0;
        for (JsonValue result : reply.json().getJsonArray("results")) {
            delivered += result.asJsonObject().getInt("delivered");
        }
        return delivered;
    }
}
