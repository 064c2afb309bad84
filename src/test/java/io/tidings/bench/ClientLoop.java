package io.tidings.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * One client I/O thread: a selector and the sessions it owns outright, so session state needs no locks. Besides
 * I/O it runs its {@link Task}s every iteration (at least every millisecond), which is how connects, sends and
 * heartbeats are paced, and commands handed over from other threads.
 */
final class ClientLoop implements AutoCloseable {
    private static final int READ_BUFFER = 256 * 1024;

    /** Work done on the loop thread every iteration; returns false when finished. */
    interface Task {
        boolean run(ClientLoop loop, long nowNanos);
    }

    private final Selector selector;
    private final Thread thread;
    private final WsTarget target;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Task> tasks = new ArrayList<>();
    private final LoopStats stats = new LoopStats();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final long[] markerScratch = new long[2];
    private ByteBuffer writeScratch = ByteBuffer.allocate(16 * 1024);
    private byte[] inflateScratch = new byte[16 * 1024];
    private volatile boolean running = true;

    ClientLoop(int number, WsTarget target) throws IOException {
        this.selector = Selector.open();
        this.target = target;
        this.thread = new Thread(this::run, "bench-loop-" + number);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::handle, 1);
                Runnable command;
                while ((command = commands.poll()) != null) {
                    command.run();
                }
                long now = System.nanoTime();
                tasks.removeIf(task -> !task.run(this, now));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println(thread.getName() + " failed: " + e);
            e.printStackTrace();
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((BenchSession) key.attachment()).abort();
            }
            try {
                selector.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }
    }

    private void handle(SelectionKey key) {
        BenchSession session = (BenchSession) key.attachment();
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            session.onConnectable(session.targetOr(target));
            return;
        }
        if (key.isWritable()) {
            session.onWritable();
        }
        if (key.isValid() && key.isReadable()) {
            session.onReadable(readBuffer);
        }
    }

    /** Runs a command on the loop thread. */
    void execute(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    /** Runs a function on the loop thread and hands back its result. */
    <T> CompletableFuture<T> call(Supplier<T> function) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(function.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    void addTask(Task task) {
        execute(() -> tasks.add(task));
    }

    Selector selector() {
        return selector;
    }

    WsTarget target() {
        return target;
    }

    LoopStats stats() {
        return stats;
    }

    long[] markerScratch() {
        return markerScratch;
    }

    ByteBuffer writeScratch(int needed) {
        if (writeScratch.capacity() < needed) {
            writeScratch = ByteBuffer.allocate(Integer.highestOneBit(needed) << 1);
        }
        return writeScratch.clear();
    }

    byte[] inflateScratch(int needed) {
        if (inflateScratch.length < needed) {
            inflateScratch = java.util.Arrays.copyOf(inflateScratch, Integer.highestOneBit(needed) << 1);
        }
        return inflateScratch;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(5_000);
    }
}
