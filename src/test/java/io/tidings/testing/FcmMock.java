package io.tidings.testing;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's two endpoints FCM push needs, on a real HTTP server on a free loopback port: the OAuth token endpoint
 * (it checks the assertion's RS256 signature against the service account's key, made at test time) and
 * messages:send (it checks the bearer token), with scripted answers per device token and a record of what it
 * accepted.
 */
public final class FcmMock implements AutoCloseable {
    public static final String PROJECT = "tidings-test";
    public static final String CLIENT_EMAIL = "push@tidings-test.iam.gserviceaccount.com";

    /** A message the mock accepted: its device token, its whole body, the bearer token it came with. */
    public record Received(String token, JsonObject message, String bearer) {
    }

    /** A scripted answer: status, FCM error code (null for none), Retry-After (null for none), delay in ms. */
    public record Answer(int status, String errorCode, String retryAfter, long delayMillis) {
        public static Answer error(int status, String errorCode) {
            return new Answer(status, errorCode, null, 0);
        }
    }

    private final KeyPair key = TestKeys.rsa();
    private final Path accountFile;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile long expiresIn = 3600;
    private volatile Answer tokenAnswer;
    private volatile Answer answerAll;

    public FcmMock(Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/" + PROJECT + "/messages:send", this::send);
        server.start();
        JsonObject account = Json.createObjectBuilder().add("type", "service_account").add("project_id", PROJECT)
                .add("private_key_id", "key-1").add("private_key", TestKeys.pem("PRIVATE KEY",
                        key.getPrivate().getEncoded())).add("client_email", CLIENT_EMAIL)
                .add("token_uri", base() + "/token").build();
        accountFile = Files.writeString(Files.createDirectories(dir).resolve("service-account.json"),
                account.toString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer scripted = tokenAnswer;
            if (scripted != null) {
                reply(exchange, scripted.status(), "{\"error\":\"invalid_grant\"}", null);
                return;
            }
            Map<String, String> form = new HashMap<>();
            for (String pair : read(exchange.getRequestBody()).split("&")) {
                String[] parts = pair.split("=", 2);
                form.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
            SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
            boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    && assertion.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic()))
                    && CLIENT_EMAIL.equals(assertion.getJWTClaimsSet().getIssuer())
                    && assertion.getJWTClaimsSet().getAudience().contains(base() + "/token")
                    && "https://www.googleapis.com/auth/firebase.messaging".equals(
                            assertion.getJWTClaimsSet().getStringClaim("scope"));
            if (!valid) {
                reply(exchange, 400, "{\"error\":\"invalid_grant\"}", null);
                return;
            }
            reply(exchange, 200, "{\"access_token\":\"tok-" + tokensIssued.incrementAndGet()
                    + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}", null);
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            reply(exchange, 400, "{\"error\":\"invalid_request\"}", null);
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            if (bearer == null || !bearer.startsWith("Bearer tok-")) {
                reply(exchange, 401, error(401, "UNAUTHENTICATED", null), null);
                return;
            }
            JsonObject message = Json.createReader(new StringReader(read(exchange.getRequestBody()))).readObject()
                    .getJsonObject("message");
            String token = message.getString("token");
            Answer answer = answerAll != null ? answerAll : answers.get(token);
            if (answer != null && answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            if (answer != null && answer.status() != 200) {
                reply(exchange, answer.status(), error(answer.status(), null, answer.errorCode()),
                        answer.retryAfter());
                return;
            }
            received.add(new Received(token, message, bearer.substring("Bearer ".length())));
            reply(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + received.size() + "\"}", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Google's error body; INVALID_ARGUMENT about the token carries the BadRequest field violation. */
    private static String error(int status, String statusName, String errorCode) {
        var error = Json.createObjectBuilder().add("code", status).add("message", "scripted")
                .add("status", statusName != null ? statusName : "ERROR");
        if (errorCode != null) {
            var details = Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").add("errorCode",
                            errorCode.replace("_TOKEN", "")));
            if (errorCode.equals("INVALID_ARGUMENT_TOKEN")) {
                details.add(Json.createObjectBuilder().add("@type", "type.googleapis.com/google.rpc.BadRequest")
                        .add("fieldViolations", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("field", "message.token").add("description", "Invalid registration token"))));
            }
            error.add("details", details);
        }
        return Json.createObjectBuilder().add("error", error).build().toString();
    }

    private static void reply(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Answers this device token so from now on ("INVALID_ARGUMENT_TOKEN" names the token as the bad field). */
    public void answer(String token, Answer answer) {
        answers.put(token, answer);
    }

    /** Answers every message so (null: accept). */
    public void answerAll(Answer answer) {
        answerAll = answer;
    }

    /** Answers the token endpoint with this status (null: issue tokens). */
    public void refuseTokens(Answer answer) {
        tokenAnswer = answer;
    }

    /** How long the tokens it issues from now on last, in seconds. */
    public void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Path accountFile() {
        return accountFile;
    }

    /** The TIDINGS_FCM_* settings of a server pushing here. */
    public Map<String, String> settings() {
        return Map.of("TIDINGS_FCM_SERVICE_ACCOUNT", accountFile.toString(),
                "TIDINGS_FCM_URL", base() + "/v1/projects/" + PROJECT + "/messages:send");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
