package io.tidings.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat rooms on /chat: --rooms rooms of --members members (session i in room i mod rooms), each logged in, then
 * random members say --rate messages a second in all. Every message must reach every member of its room exactly
 * once and nobody else: a message's marker sequence is unique over all rooms, so one from another room shows as
 * "extra" at its receiver. The operation counted is one delivery (a message to one member).
 */
final class ChatMode implements Mode {
    static final String KEEPALIVE = "{\"type\":\"pong\"}";

    @Override
    public String path() {
        return "/chat";
    }

    @Override
    public void run(Run run) throws Exception {
        Options options = run.options;
        int rooms = options.rooms;
        List<BenchSession> sessions = run.open(rooms * options.members, options.connectRate);
        run.report.put("rooms", rooms);
        run.report.put("members_per_room", options.members);
        run.report.put("sessions_held", Run.countOpen(sessions));
        Seated seated = seat(run, sessions);
        run.startHeartbeats(sessions, KEEPALIVE);
        String padding = "x".repeat(options.payload);
        if (options.warmup > 0) {
            Run.progress("warm-up: " + options.warmup + " s at " + options.rate + " says/s");
            seated.say(run, sessions, options.warmup, true, padding);
            Thread.sleep((long) (options.warmup * 1000) + 500);
        }
        run.client.resetTraffic();
        run.startJfr();
        Run.progress("measured: " + options.duration + " s at " + options.rate + " says/s");
        Meter meter = run.meter();
        seated.say(run, sessions, options.duration, false, padding);
        run.hold(options.duration, () -> run.client.received() + " says delivered");
        Thread.sleep(100); // the loops' last send iteration, begun just before the stop time
        run.drain(sessions);
        Meter.Window window = meter.stop();
        run.stopJfr();
        Snapshot snapshot = run.client.snapshot();
        long says = seated.says();
        long expected = sessions.stream().mapToLong(s -> s.expected.get()).sum();
        long extra = sessions.stream().mapToLong(s -> Math.max(0, s.distinct() - s.expected.get())).sum();
        long lost = sessions.stream().mapToLong(s -> Math.max(0, s.expected.get() - s.distinct())).sum();
        run.report.put("says_sent", says);
        run.report.put("says_per_s", says / window.seconds());
        run.report.put("deliveries_expected", expected);
        run.putDeliveries(snapshot, window, lost);
        run.report.put("extra_from_other_rooms", extra);
        run.putCpu("delivery", window, snapshot.received());
        run.report.put("server_cpu_us_per_say", says == 0 ? Double.NaN : window.serverCpuNanos() / 1e3 / says);
        run.putEndings(snapshot);
        run.closeAll(sessions);
    }

    /** The rooms, once every member sits in its own (session i in room i mod --rooms), and what each said. */
    record Seated(List<List<BenchSession>> byRoom, AtomicInteger[] said) {
        /** Random members say --rate messages a second in all, for the given seconds (paced on the loops). */
        void say(Run run, List<BenchSession> sessions, double seconds, boolean warmup, String padding) {
            long start = System.nanoTime();
            long stop = start + Run.seconds(seconds).toNanos();
            for (ClientLoop loop : run.client.loops()) {
                List<BenchSession> share = sessions.stream().filter(s -> run.client.loopOf(s) == loop).toList();
                loop.addTask(new ChatSayTask(share, byRoom, said, run.options.rate / run.client.loops().size(),
                        start, stop, warmup, padding));
            }
        }

        /** Measured messages said so far. */
        long says() {
            long says = 0;
            for (AtomicInteger room : said) {
                says += room.get();
            }
            return says;
        }
    }

    /**
     * Logs every session in to its room and waits until all sit there (as run.server's API counts the rooms'
     * members: in a cluster, any node's).
     */
    static Seated seat(Run run, List<BenchSession> sessions) throws Exception {
        int rooms = run.options.rooms;
        String prefix = "bench-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
        List<List<BenchSession>> byRoom = new ArrayList<>();
        for (int room = 0; room < rooms; room++) {
            byRoom.add(new ArrayList<>());
        }
        sessions.forEach(session -> byRoom.get(session.index % rooms).add(session));
        run.client.forEachOnItsLoop(sessions, session -> session.sendText("{\"type\":\"login\",\"client_name\":\"m"
                + session.index + "\",\"room_id\":\"" + prefix + session.index % rooms + "\"}"));
        awaitSeated(run, prefix, byRoom);
        AtomicInteger[] said = new AtomicInteger[rooms];
        for (int room = 0; room < rooms; room++) {
            said[room] = new AtomicInteger();
        }
        return new Seated(byRoom, said);
    }

    /** Waits until every member sits in its room, as the backend API counts the rooms' members. */
    private static void awaitSeated(Run run, String prefix, List<List<BenchSession>> byRoom) throws Exception {
        Run.progress("logging " + byRoom.size() + " rooms in");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Run.seconds(60 + byRoom.size()).toNanos();
        for (int room = 0; room < byRoom.size(); room++) {
            long open = byRoom.get(room).stream().filter(BenchSession::isOpen).count();
            HttpRequest request = HttpRequest.newBuilder(run.server.base().resolve("api/groups/room@" + prefix + room))
                    .header("Authorization", "Bearer " + run.server.apiKey()).build();
            while (members(http.send(request, HttpResponse.BodyHandlers.ofString()).body()) < open) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("room " + room + " never had its " + open + " members seated");
                }
                Thread.sleep(20);
            }
        }
    }

    /** The number of uids in {"group":G,"members":["a","b",...]}. */
    private static long members(String body) {
        int list = body.indexOf("\"members\":[");
        return list < 0 ? 0 : body.substring(list).chars().filter(c -> c == '"').count() / 2 - 1;
    }
}
