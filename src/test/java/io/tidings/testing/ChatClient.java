package io.tidings.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;

/**
 * A chat session (workerman-chat's protocol on /chat) through a real {@link WsClient}. The server's
 * {"type":"ping"} frames are answered and kept out of what a test reads, so a test sees only what it expects.
 */
public final class ChatClient implements AutoCloseable {
    public static final String PING = "{\"type\":\"ping\"}";

    private final WsClient ws;
    private volatile int pings;

    private ChatClient(WsClient ws) {
        this.ws = ws;
    }

    public static ChatClient connect(URI uri) throws Exception {
        return new ChatClient(WsClient.connect(uri));
    }

    /** Connects and logs in to the room; returns the login answer (with client_list). */
    public static ChatClient inRoom(URI uri, String name, String room) throws Exception {
        ChatClient client = connect(uri);
        client.login(name, room);
        return client;
    }

    /** Sends a login and returns its answer, the login frame that carries client_list. */
    public JsonObject login(String name, String room) throws Exception {
        send("{\"type\":\"login\",\"client_name\":" + quote(name) + ",\"room_id\":" + quote(room) + "}");
        JsonObject answer = nextJson();
        if (!"login".equals(answer.getString("type", null)) || !answer.containsKey("client_list")) {
            throw new AssertionError("expected the login answer, got " + answer);
        }
        return answer;
    }

    public void say(String content) throws Exception {
        send("{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":" + quote(content) + "}");
    }

    public void send(String text) throws Exception {
        ws.send(text);
    }

    /** The next frame that is not a ping (a ping is answered with a pong). */
    public String next() throws Exception {
        while (true) {
            String frame = ws.next();
            if (!frame.equals(PING)) {
                return frame;
            }
            pings++;
            ws.send("{\"type\":\"pong\"}");
        }
    }

    public JsonObject nextJson() throws Exception {
        return Json.createReader(new StringReader(next())).readObject();
    }

    /** The next frame of this type, skipping others (bounded: each wait is {@link WsClient#WAIT}). */
    public JsonObject next(String type) throws Exception {
        for (int skipped = 0; skipped < 1000; skipped++) {
            JsonObject frame = nextJson();
            if (type.equals(frame.getString("type", null))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame among the next 1000");
    }

    /** Reads the next frame, which must be the error frame {"type":"error","code":code,...}; returns it. */
    public JsonObject expectError(int code) throws Exception {
        JsonObject error = nextJson();
        if (!"error".equals(error.getString("type", null)) || error.getInt("code", 0) != code) {
            throw new AssertionError("expected error " + code + ", got " + error);
        }
        return error;
    }

    /** A frame other than a ping within the time, or null. */
    public String poll(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String frame = left <= 0 ? null : ws.poll(Duration.ofNanos(left));
            if (frame == null || !frame.equals(PING)) {
                return frame;
            }
            pings++;
            ws.send("{\"type\":\"pong\"}");
        }
    }

    /** How many pings the server sent so far (answered). */
    public int pings() {
        return pings;
    }

    public WsClient ws() {
        return ws;
    }

    public static String quote(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    @Override
    public void close() {
        ws.close();
    }
}
