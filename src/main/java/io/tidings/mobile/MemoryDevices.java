package io.tidings.mobile;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Devices in memory (TIDINGS_INBOX=memory, and tests): a restart forgets them. */
public final class MemoryDevices extends IndexedDevices {
    @Override
    public CompletableFuture<List<Device>> register(Device device, int maxPerUid) {
        return CompletableFuture.completedFuture(index().register(device, maxPerUid).dropped());
    }

    @Override
    public CompletableFuture<Boolean> remove(String uid, String token) {
        return CompletableFuture.completedFuture(index().remove(uid, token) != null);
    }

    @Override
    public CompletableFuture<Boolean> removeGone(Platform platform, String token, long since) {
        return CompletableFuture.completedFuture(index().removeGone(platform, token, since) != null);
    }
}
