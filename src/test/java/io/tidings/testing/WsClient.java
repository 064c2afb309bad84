package io.tidings.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A real WebSocket client (Tyrus, chosen explicitly: the Tyrus bundle and Jetty both register a
 * ContainerProvider). Every wait is bounded; a wait that runs out fails the test with what was expected.
 */
public final class WsClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> welcome = new CompletableFuture<>();
    private boolean first = true;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile Session session;

    private WsClient() {
    }

    /**
     * A Tyrus client manager per connection. A manager shuts its executors down when
     * its last connection closes, which races a next connection made through the same manager
     * (RejectedExecutionException); one manager per connection never races itself.
     */
    private static ClientManager newClient() {
        return ClientManager.createClient();
    }

    public static WsClient connect(URI uri) throws Exception {
        WsClient client = new WsClient();
        client.session = newClient().connectToServer(client.endpoint(), ClientEndpointConfig.Builder.create().build(), uri);
        return client;
    }

    /**
     * Connects and waits for the answer to a ping. The server registers a session before it reads the session's
     * first frame, so once the pong is here the uid is online and a push will reach this client.
     */
    public static WsClient connectOnline(URI uri) throws Exception {
        WsClient client = connect(uri);
        client.send("{\"event\":\"ping\"}");
        String answer = client.next();
        if (!answer.equals("{\"event\":\"pong\"}")) {
            throw new AssertionError("expected the pong, got " + answer);
        }
        return client;
    }

    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.setMaxTextMessageBufferSize(1 << 20);
                session.addMessageHandler(new MessageHandler.Whole<String>() {
                    @Override
                    public void onMessage(String message) {
                        // With an inbox every session opens with a welcome: kept apart (welcome()), so the
                        // frames a test reads with next() are the ones it expects.
                        if (first && message.startsWith("{\"event\":\"welcome\"")) {
                            welcome.complete(message);
                        } else {
                            messages.add(message);
                        }
                        first = false;
                    }
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }

            @Override
            public void onError(Session session, Throwable error) {
                // surfaces as a close or a missing message; tests assert on those
            }
        };
    }

    public Session session() {
        return session;
    }

    public void send(String text) throws Exception {
        try {
            session.getBasicRemote().sendText(text);
        } catch (RejectedExecutionException e) {
            // See sendBinary: the frame was sent, the server's close follows.
        }
    }

    public void sendBinary(ByteBuffer data) throws Exception {
        try {
            session.getBasicRemote().sendBinary(data);
        } catch (RejectedExecutionException e) {
            // Tyrus race: the server answered this very frame with a close so fast that the connection was torn
            // down (and its manager's executors shut) before the send finished its idle-timer bookkeeping. The
            // frame was sent; the test asserts on the close that follows.
        }
    }

    /** The next text frame; fails after {@link #WAIT}. */
    public String next() throws InterruptedException {
        String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT + (closed.isDone() ? "; closed: " + describe(closed.getNow(null)) : ""));
        }
        return message;
    }

    /** The welcome the session opened with (the inbox's position); fails after {@link #WAIT}. */
    public JsonObject welcome() throws Exception {
        try {
            return Json.createReader(new StringReader(welcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)))
                    .readObject();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no welcome within " + WAIT);
        }
    }

    public JsonObject nextJson() throws InterruptedException {
        return Json.createReader(new StringReader(next())).readObject();
    }

    /** A message if one arrives within the given time, else null: for asserting that nothing comes. */
    public String poll(Duration within) throws InterruptedException {
        return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close the server sent; fails after {@link #WAIT}. */
    public CloseReason awaitClose() throws Exception {
        return awaitClose(WAIT);
    }

    public CloseReason awaitClose(Duration within) throws Exception {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not closed within " + within);
        }
    }

    /** Completes with the close the session receives (a copy: callers can wait on it, not complete it). */
    public CompletableFuture<CloseReason> closeFuture() {
        return closed.copy();
    }

    /** Waits for the server's close and checks its code and reason, e.g. (4001, "token invalid"). */
    public void assertClosedWith(int code, String reason) throws Exception {
        String got = describe(awaitClose());
        if (!got.equals(code + " " + reason)) {
            throw new AssertionError("expected close " + code + " " + reason + " but got " + got);
        }
    }

    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    public int pending() {
        return messages.size();
    }

    public static String describe(CloseReason reason) {
        return reason == null ? "none" : reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
        } catch (Exception e) {
            // already gone
        }
    }
}
