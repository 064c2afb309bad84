package io.tidings.limit;

import io.tidings.config.Limits;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Admission of new WebSockets: a handshake rate for the whole server, a cap on open connections in total and,
 * optionally, per remote address. {@link #tryAdmit} and {@link #release} must pair up for every admitted
 * connection; a refused one holds nothing.
 */
public final class ConnectionLimiter {
    private final Limits limits;
    private final LongSupplier nanoClock;
    private final TokenBucket handshakes;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.handshakes = limits.handshakeRate() > 0
                ? new TokenBucket(limits.handshakeRate(), limits.handshakeRate(), nanoClock.getAsLong()) : null;
    }

    /** True when a new connection from this address may proceed (and is now counted). */
    public boolean tryAdmit(String address) {
        if (handshakes != null && !handshakes.tryTake(nanoClock.getAsLong())) {
            return false;
        }
        int max = limits.maxConnections();
        if (open.incrementAndGet() > max && max > 0) {
            open.decrementAndGet();
            return false;
        }
        if (limits.maxConnectionsPerAddress() > 0 && !admitAddress(address)) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    private boolean admitAddress(String address) {
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < limits.maxConnectionsPerAddress()) {
                current.incrementAndGet();
                admitted[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        return admitted[0];
    }

    /** Gives back what {@link #tryAdmit} took for this address. */
    public void release(String address) {
        open.decrementAndGet();
        if (limits.maxConnectionsPerAddress() > 0) {
            perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    public int open() {
        return open.get();
    }
}
