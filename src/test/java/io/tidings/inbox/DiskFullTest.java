package io.tidings.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.testing.ApiClient;
import io.tidings.testing.ApiClient.Reply;
import io.tidings.testing.ChatClient;
import io.tidings.testing.Needs;
import io.tidings.testing.TestServer;
import io.tidings.testing.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox on a real file system that fills up (a 4 MiB tmpfs, mounted by the test: it needs root, as CI has):
 * a push that cannot be stored is answered 503 and delivered to no one, an alert's ack says it was not stored,
 * and once space is free again everything works without a restart.
 */
class DiskFullTest {
    Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createTempDirectory("tidings-full");
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        Needs.require(mounted, "mounting a tmpfs", "run the tests as root (CI does) to test a full disk");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskRefusesLoudlyDeliversNothingAndRecoversByItself() throws Exception {
        Path data = mount.resolve("data");
        try (TestServer server = TestServer.start(Map.of("TIDINGS_INBOX", "sqlite",
                "TIDINGS_DATA_DIR", data.toString(), "TIDINGS_EVENT_RATE", "1000", "TIDINGS_EVENT_BURST", "1000",
                "TIDINGS_SEND_QUEUE", Integer.toString(64 << 20)));
                WsClient reader = WsClient.connectOnline(server.wsFor("reader"));
                WsClient writer = WsClient.connectOnline(server.wsFor("writer"))) {
            ApiClient api = ApiClient.of(server);
            reader.welcome();
            assertEquals(200, api.post("api/push", "{\"uid\":\"reader\",\"event\":\"before\"}").status());
            assertEquals("before", reader.nextJson().getString("event"));

            Path filler = fill(mount.resolve("filler"));
            // SQLite writes into the space its log already has until that runs out: alerts go on being stored
            // for a while, each delivered; the first that cannot be stored is refused, and delivered to no one.
            String big = "x".repeat(60_000);
            JsonObject refusedAck = null;
            java.util.Set<String> stored = new java.util.HashSet<>();
            for (int rid = 1; rid <= 200 && refusedAck == null; rid++) {
                writer.send("{\"event\":\"alertTip\",\"toUid\":\"reader\",\"content\":\"" + big
                        + "\",\"rid\":" + rid + "}");
                JsonObject ack = writer.nextJson();
                if (ack.getBoolean("stored")) {
                    stored.add(ack.getString("id"));
                } else {
                    refusedAck = ack;
                }
            }
            assertTrue(refusedAck != null, "a full disk must refuse an alert at last");
            assertEquals(0, refusedAck.getInt("delivered"));
            assertEquals("inbox unavailable: disk full", refusedAck.getString("error"));
            for (int i = 0; i < stored.size(); i++) {
                assertTrue(stored.contains(reader.nextJson().getString("id")), "only what was stored arrives");
            }
            assertEquals(null, reader.poll(java.time.Duration.ofMillis(300)), "seen by a client means stored");
            Path more = fill(mount.resolve("filler-2"));
            Reply refused = api.post("api/push", "{\"uid\":\"reader\",\"event\":\"full\",\"data\":{\"pad\":\""
                    + big.repeat(15) + "\"}}");
            assertEquals(503, refused.status(), refused.body());
            assertEquals("inbox unavailable: disk full", refused.error());
            assertEquals(null, reader.poll(java.time.Duration.ofMillis(300)));

            Files.delete(filler);
            Files.delete(more);
            Reply after = api.post("api/push", "{\"uid\":\"reader\",\"event\":\"after\"}");
            assertEquals(200, after.status(), after.body());
            JsonObject frame = reader.nextJson();
            assertEquals("after", frame.getString("event"));
            assertEquals(2 + stored.size(), frame.getInt("seq"), "the refused ones took no seq");
            assertTrue(writer.isOpen() && reader.isOpen());
        }
    }

    @Test
    void aChatMessageThatCannotBeStoredIsRefusedToItsSenderAndReachesNoOne() throws Exception {
        try (TestServer server = TestServer.start(Map.of("TIDINGS_INBOX", "sqlite",
                "TIDINGS_DATA_DIR", mount.resolve("data").toString(), "TIDINGS_EVENT_RATE", "1000",
                "TIDINGS_EVENT_BURST", "1000", "TIDINGS_SEND_QUEUE", Integer.toString(64 << 20)));
                ChatClient listener = ChatClient.inRoom(server.chatFor("listener"), "listener", "full");
                ChatClient talker = ChatClient.inRoom(server.chatFor("talker"), "talker", "full")) {
            listener.next("login");
            Path filler = fill(mount.resolve("filler"));
            String big = "x".repeat(60_000);
            JsonObject refused = null;
            int stored = 0;
            for (int i = 0; i < 200 && refused == null; i++) {
                talker.say(big);
                JsonObject answer = talker.nextJson();
                if (answer.getString("type").equals("say")) {
                    stored++;
                } else {
                    refused = answer;
                }
            }
            assertTrue(refused != null, "a full disk must refuse a message at last");
            assertEquals(110, refused.getInt("code"));
            assertEquals("inbox unavailable: disk full", refused.getString("msg"));
            for (int i = 0; i < stored; i++) {
                assertEquals("say", listener.next("say").getString("type"));
            }
            assertEquals(null, listener.poll(java.time.Duration.ofMillis(300)), "the refused one reached no one");

            Files.delete(filler);
            talker.say("after");
            assertEquals("after", listener.next("say").getString("content"));
        }
    }

    /** Writes until the file system is full; returns the file to delete to free it. */
    static Path fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            return file;
        }
    }
}
