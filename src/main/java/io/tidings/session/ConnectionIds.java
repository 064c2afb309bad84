package io.tidings.session;

import java.util.concurrent.atomic.AtomicLong;

/** Session ids, unique within the process: "s" and a base-36 counter. Never derived from client input. */
public final class ConnectionIds {
    private final AtomicLong counter = new AtomicLong();

    public String next() {
        return "s" + Long.toString(counter.incrementAndGet(), 36);
    }
}
