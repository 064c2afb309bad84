package io.tidings.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The backend's side: POSTs to the push API over keep-alive HTTP/1.1 connections with at most --in-flight
 * requests outstanding, counting the answers by status. A request that cannot get a slot waits, so a slow API
 * shows as a lower achieved rate in the report.
 */
final class ApiPusher implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    private final URI base;
    private final String authorization;
    private final int maxInFlight;
    private final Semaphore slots;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    ApiPusher(URI base, String apiKey, int maxInFlight) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
    }

    /** Sends a POST to the path (relative to the server's base URL) once a slot is free. */
    void post(String path, String json) throws InterruptedException {
        slots.acquire();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            slots.release();
            String outcome = error != null ? "error " + error.getClass().getSimpleName()
                    : Integer.toString(response.statusCode());
            outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
            if (error != null || response.statusCode() >= 300) {
                firstError.compareAndSet(null, error != null ? error.toString()
                        : response.statusCode() + " " + response.body());
            }
        });
    }

    /** Waits (bounded) until no request is outstanding. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!slots.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        slots.release(maxInFlight);
        return true;
    }

    /** Answers by status code ("200", "401", "error ...") and how many. */
    Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    String firstError() {
        return firstError.get();
    }

    void resetOutcomes() {
        outcomes.clear();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
