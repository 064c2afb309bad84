package io.tidings.mobile;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Devices in memory (TIDINGS_INBOX=memory, and tests): a restart forgets them. */
public final class MemoryDevices implements DeviceStore {
    private final DeviceIndex index = new DeviceIndex();

    @Override
    public CompletableFuture<List<Device>> register(Device device, int maxPerUid) {
        return CompletableFuture.completedFuture(index.register(device, maxPerUid).dropped());
    }

    @Override
    public CompletableFuture<Boolean> remove(String uid, String token) {
        return CompletableFuture.completedFuture(index.remove(uid, token) != null);
    }

    @Override
    public CompletableFuture<Boolean> removeGone(Platform platform, String token, long since) {
        return CompletableFuture.completedFuture(index.removeGone(platform, token, since) != null);
    }

    @Override
    public List<Device> devices(String uid) {
        return index.devices(uid);
    }

    @Override
    public Device find(Platform platform, String token) {
        return index.find(platform, token);
    }

    @Override
    public boolean any(String uid) {
        return index.any(uid);
    }

    @Override
    public Collection<String> uids() {
        return index.uids();
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public void close() {
        // nothing held
    }
}
