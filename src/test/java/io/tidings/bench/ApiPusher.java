package io.tidings.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The backend's side: POSTs to the push API over --in-flight keep-alive HTTP/1.1 connections, one request at a
 * time on each, answers counted by status. A plain socket per connection rather than java.net.http: the JDK
 * client spent 10 to 20 times the server's CPU per request here, on the same two cores. A request that finds
 * every connection busy waits, so a slow API shows as a lower achieved rate in the report.
 */
final class ApiPusher implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;
    /**
     * A connection idle this long is replaced before its next request: servers close idle keep-alive connections
     * (Node's after 5 s, Bun's 10, Tidings' TIDINGS_REQUEST_TIMEOUT), and a request sent as the server closes is
     * never read, which the report would count as lost messages the server never accepted.
     */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final InetSocketAddress address;
    private final String head;
    private final int connections;
    private final Semaphore slots;
    private final BlockingQueue<String[]> requests = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean closed;

    ApiPusher(URI base, String apiKey, int connections) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.head = "Host: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: Bearer " + apiKey
                + "\r\nContent-Type: application/json\r\n";
        this.connections = connections;
        this.slots = new Semaphore(connections);
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(this::work, "bench-http-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Sends a POST to the path (relative to the server's base URL) once a connection is free. */
    void post(String path, String json) throws InterruptedException {
        slots.acquire();
        requests.add(new String[] {path, json});
    }

    private void work() {
        Socket socket = null;
        InputStream in = null;
        long lastUsed = 0;
        while (!closed) {
            String[] request;
            try {
                request = requests.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (request == null) {
                continue;
            }
            try {
                if (socket != null && System.nanoTime() - lastUsed > STALE_NANOS) {
                    socket = close(socket);
                }
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.connect(address, TIMEOUT_MILLIS);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                if (!exchange(socket, in, request[0], request[1])) {
                    socket.close();
                    socket = null;
                }
                lastUsed = System.nanoTime();
            } catch (IOException e) {
                count("error " + e.getClass().getSimpleName(), e.toString());
                socket = close(socket);
            } finally {
                slots.release();
            }
        }
        close(socket);
    }

    /** One request and its answer; returns whether the connection may be used again. */
    private boolean exchange(Socket socket, InputStream in, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] start = ("POST /" + path + " HTTP/1.1\r\n" + head + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[start.length + body.length];
        System.arraycopy(start, 0, whole, 0, start.length);
        System.arraycopy(body, 0, whole, start.length, body.length);
        OutputStream out = socket.getOutputStream();
        out.write(whole);
        out.flush();
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                keepAlive = false;
            }
        }
        String answer = chunked ? readChunked(in) : new String(in.readNBytes((int) Math.max(0, length)),
                StandardCharsets.UTF_8);
        count(parts[1], parts[1].startsWith("2") ? null : parts[1] + " " + answer);
        return keepAlive && (chunked || length >= 0);
    }

    private static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void count(String outcome, String error) {
        outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
        if (error != null) {
            firstError.compareAndSet(null, error);
        }
    }

    private static Socket close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // dropping it anyway
            }
        }
        return null;
    }

    /** Waits (bounded) until no request is outstanding. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!slots.tryAcquire(connections, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        slots.release(connections);
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
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
