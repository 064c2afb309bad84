package io.tidings.mobile;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where registered devices live: beside the inbox (its SQLite file, or memory in tests); a cluster keeps them
 * where every node sees them. Writes complete once durable. {@link #devices}, {@link #any} and {@link #find}
 * answer at once, from memory, without I/O: job making asks {@link #any} on the inbox's writer thread.
 */
public interface DeviceStore extends AutoCloseable {
    /**
     * Registers a device (again: its topic, environment and time are updated), taking its token from any other
     * uid; the uid's oldest registrations beyond {@code maxPerUid} are dropped. Completes with those dropped.
     */
    CompletableFuture<List<Device>> register(Device device, int maxPerUid);

    /** Removes the uid's device with this token; completes with whether there was one. */
    CompletableFuture<Boolean> remove(String uid, String token);

    /**
     * Removes a device its provider says is gone since {@code since} (epoch ms), unless it was registered after
     * that (the app got the same token again); completes with whether it was removed.
     */
    CompletableFuture<Boolean> removeGone(Platform platform, String token, long since);

    /** The uid's devices, oldest registration first. */
    List<Device> devices(String uid);

    /** The device with this token, or null. */
    Device find(Platform platform, String token);

    /** Whether the uid has a device: asked for every stored message that may go to phones. */
    boolean any(String uid);

    /** Every uid with a device (a push to everyone that asks for phones). */
    Collection<String> uids();

    /** How many devices are registered. */
    int count();

    @Override
    void close();
}
