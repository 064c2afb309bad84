package io.tidings.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loop's share of the chat traffic: a random member of the loop's sessions says a message to its room at the
 * loop's share of the rate until the stop time. A measured message's marker sequence is the room's next count
 * times the number of rooms plus the room, unique over all rooms; every open member of the room (the sender
 * included) expects it. Warm-up messages carry {@link Marker#WARMUP} and are not counted.
 */
final class ChatSayTask extends PacedTask {
    private final List<List<BenchSession>> byRoom;
    private final AtomicInteger[] said;
    private final boolean warmup;
    private final String padding;
    private final SplittableRandom random = new SplittableRandom(42);

    ChatSayTask(List<BenchSession> senders, List<List<BenchSession>> byRoom, AtomicInteger[] said, double perSecond,
            long startNanos, long stopNanos, boolean warmup, String padding) {
        super(senders, perSecond, startNanos, stopNanos);
        this.byRoom = byRoom;
        this.said = said;
        this.warmup = warmup;
        this.padding = padding;
    }

    @Override
    void next() {
        BenchSession sender = senders.get(random.nextInt(senders.size()));
        if (!sender.isOpen()) {
            return;
        }
        int rooms = byRoom.size();
        int room = sender.index % rooms;
        String content = Marker.WARMUP;
        if (!warmup) {
            int seq = said[room].getAndIncrement() * rooms + room;
            for (BenchSession member : byRoom.get(room)) {
                if (member.isOpen()) {
                    member.expected.incrementAndGet();
                }
            }
            content = Marker.of(seq, System.nanoTime());
        }
        sender.sendText("{\"type\":\"say\",\"to_client_id\":\"all\",\"content\":\"" + content + padding + "\"}");
    }
}
