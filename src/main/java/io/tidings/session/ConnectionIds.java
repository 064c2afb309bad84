package io.tidings.session;

import java.util.concurrent.atomic.AtomicLong;

/** Session ids, unique within the process: "s" and a base-36 counter. Never derived from client input. */
public final class ConnectionIds {
    private final AtomicLong counter = new AtomicLong();

    /** The next serial number; {@link #format} makes the id clients and operators see. */
    public long next() {
        return counter.incrementAndGet();
    }

    public static String format(long serial) {
        return "s" + Long.toString(serial, 36);
    }
}
