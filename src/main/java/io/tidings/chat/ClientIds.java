package io.tidings.chat;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client ids as GatewayWorker makes them: 20 lowercase hex digits. Its first eight name the process (random, so
 * ids stay distinct across nodes and restarts), the rest count its logins. Never derived from client input.
 */
final class ClientIds {
    private final String node = String.format("%08x", new SecureRandom().nextInt());
    private final AtomicLong counter = new AtomicLong();

    String next() {
        return node + String.format("%012x", counter.incrementAndGet());
    }
}
