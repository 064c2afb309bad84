package io.tidings.bench;

import java.util.concurrent.locks.LockSupport;

/** Paces API requests from the calling thread: open loop, so a slow server lowers the achieved rate. */
final class ApiDriver {
    /** Sends request number n (0-based); returns how many operations it carried. */
    interface Request {
        int send(long n) throws InterruptedException;
    }

    private ApiDriver() {
    }

    /** Sends requests at the given rate for the given time; returns the operations sent. */
    static long drive(Run run, double requestsPerSecond, double seconds, Request request, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + Run.seconds(seconds).toNanos();
        long every = Run.seconds(Math.max(1, run.options.reportEvery)).toNanos();
        long nextReport = start + every;
        Pacer pacer = new Pacer(requestsPerSecond, start, Long.MAX_VALUE);
        long operations = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            int due = pacer.due(now);
            for (int i = 0; i < due; i++) {
                operations += request.send(pacer.count() + i);
            }
            pacer.done(due);
            if (now >= nextReport) {
                Run.progress(operations + " " + what + " sent, " + run.client.received() + " received");
                nextReport += every;
            }
            if (due == 0) {
                LockSupport.parkNanos(200_000);
            }
        }
        return operations;
    }
}
