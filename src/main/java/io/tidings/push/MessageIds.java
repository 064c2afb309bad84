package io.tidings.push;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids: a random per-process prefix plus a counter, both base 36, e.g. {@code "k3x9q2-1a"}. Unique
 * across restarts and nodes with overwhelming probability, increasing within one process, and cheap: no
 * randomness or clock read per message.
 */
public final class MessageIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds() {
        this.prefix = Long.toString(new SecureRandom().nextLong() >>> 1, 36) + "-";
    }

    public String next() {
        return prefix + Long.toString(counter.incrementAndGet(), 36);
    }
}
