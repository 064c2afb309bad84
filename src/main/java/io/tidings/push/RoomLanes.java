package io.tidings.push;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The threads a node's chat rooms are fanned out on: a few lanes, one thread each, a room always on the same one,
 * so that a room's messages keep their commit order while rooms on different lanes are written at once. (One
 * fan-out thread for every room was a node's ceiling: at 100 rooms of 50 members and 1 000 says a second it held
 * a backlog of seconds while the second core idled.)
 */
public final class RoomLanes implements Function<String, java.util.concurrent.Executor>, AutoCloseable {
    private final ExecutorService[] lanes;

    /** @param count lanes (threads); each is started on its first room */
    public RoomLanes(int count, ThreadFactory threads) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(threads);
        }
    }

    /** Lanes for this machine: one per core, at least two, at most eight. */
    public static int forThisMachine() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** The lane of the room (its group name). */
    @Override
    public java.util.concurrent.Executor apply(String room) {
        return lanes[Math.floorMod(room.hashCode(), lanes.length)];
    }

    /** Stops taking work; what was handed over still runs. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
    }
}
