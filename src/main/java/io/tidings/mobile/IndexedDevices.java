package io.tidings.mobile;

import java.util.Collection;
import java.util.List;

/**
 * A device store whose every device is in a {@link DeviceIndex}: its questions are answered from memory, as the
 * {@link DeviceStore} contract wants. The memory store is nothing more; the SQLite store also writes each change;
 * a cluster's store follows the changes every node makes, and swaps in a whole new index after reading Redis again.
 */
public abstract class IndexedDevices implements DeviceStore {
    private volatile DeviceIndex index = new DeviceIndex();

    /** The devices as they are now. */
    protected DeviceIndex index() {
        return index;
    }

    /** Puts a whole new index in place (read again from where the devices are kept). */
    protected void replace(DeviceIndex fresh) {
        index = fresh;
    }

    @Override
    public List<Device> devices(String uid) {
        return index().devices(uid);
    }

    @Override
    public Device find(Platform platform, String token) {
        return index().find(platform, token);
    }

    @Override
    public boolean any(String uid) {
        return index().any(uid);
    }

    @Override
    public Collection<String> uids() {
        return index().uids();
    }

    @Override
    public int count() {
        return index().count();
    }

    @Override
    public void close() {
        // the index is memory; a store with more to close says so
    }
}
