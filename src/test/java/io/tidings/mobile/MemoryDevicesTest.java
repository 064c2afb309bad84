package io.tidings.mobile;

class MemoryDevicesTest extends DeviceStoreContract {
    @Override
    protected DeviceStore store() {
        return new MemoryDevices();
    }
}
