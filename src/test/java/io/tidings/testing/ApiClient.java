package io.tidings.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A real HTTP client (java.net.http) for the backend API, sending the test API key; every call is bounded. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WsClient.WAIT).build();

    private final URI base;
    private final String authorization;

    private ApiClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** Authenticated with {@link TestServer#API_KEY}. */
    public static ApiClient of(TestServer server) {
        return new ApiClient(server.http(), "Bearer " + TestServer.API_KEY);
    }

    /** Authenticated with {@link TestServer#API_KEY}, against any base URL (a WAR's includes its context path). */
    public static ApiClient at(URI base) {
        return new ApiClient(base, "Bearer " + TestServer.API_KEY);
    }

    /** Against any base URL, sending the given Authorization header, or none when null. */
    public static ApiClient at(URI base, String authorization) {
        return new ApiClient(base, authorization);
    }

    /** Sends the given Authorization header, or none when null. */
    public static ApiClient withAuthorization(TestServer server, String authorization) {
        return new ApiClient(server.http(), authorization);
    }

    /** One answer: status, headers and body. */
    public record Reply(int status, HttpHeaders headers, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        /** The "error" text of an error answer. */
        public String error() {
            return json().getString("error");
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    public Reply post(String path, String body) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply send(String method, String path, String body) throws Exception {
        return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** One series of GET /metrics, e.g. {@code tidings_push_queue_depth}; 0 when absent. */
    public double metric(String series) throws Exception {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(series)
                + " (\\S+)$").matcher(get("metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** path is relative to the server root, e.g. "api/push". */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(WsClient.WAIT)
                .header("Content-Type", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }
}
