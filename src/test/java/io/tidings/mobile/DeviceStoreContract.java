package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.config.PushSettings;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceStore} promises, checked against each implementation. */
public abstract class DeviceStoreContract {
    protected abstract DeviceStore store();

    protected static Device apns(String uid, String token, long at) {
        return new Device(uid, Platform.APNS, token, "io.tidings.app", PushSettings.Env.PRODUCTION, at);
    }

    protected static List<Device> register(DeviceStore store, Device device, int max) throws Exception {
        return store.register(device, max).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRegistrationIsFoundByUidAndTokenAndARepeatUpdatesIt() throws Exception {
        DeviceStore store = store();
        register(store, apns("7", "aa", 1), 10);
        register(store, new Device("7", Platform.FCM, "ff", null, null, 2), 10);
        register(store, apns("7", "aa", 3), 10);

        assertEquals(List.of("ff", "aa"), store.devices("7").stream().map(Device::token).toList());
        assertEquals(3, store.find(Platform.APNS, "aa").registeredAt());
        assertTrue(store.any("7"));
        assertFalse(store.any("8"));
        assertEquals(2, store.count());
    }

    @Test
    void aTokenBelongsToOneUidTheLatestToRegisterIt() throws Exception {
        DeviceStore store = store();
        register(store, apns("7", "aa", 1), 10);
        register(store, apns("8", "aa", 2), 10);

        assertEquals(List.of(), store.devices("7"));
        assertEquals("8", store.find(Platform.APNS, "aa").uid());
        assertEquals(Set.of("8"), Set.copyOf(store.uids()));
    }

    @Test
    void beyondTheCapTheOldestRegistrationIsDropped() throws Exception {
        DeviceStore store = store();
        register(store, apns("7", "a1", 1), 2);
        register(store, apns("7", "a2", 2), 2);

        List<Device> dropped = register(store, apns("7", "a3", 3), 2);

        assertEquals(List.of("a1"), dropped.stream().map(Device::token).toList());
        assertEquals(List.of("a2", "a3"), store.devices("7").stream().map(Device::token).toList());
        assertNull(store.find(Platform.APNS, "a1"));
    }

    @Test
    void goneRemovesADeviceUnlessItRegisteredAfterwards() throws Exception {
        DeviceStore store = store();
        register(store, apns("7", "aa", 1000), 10);

        assertFalse(store.removeGone(Platform.APNS, "aa", 999).get(10, TimeUnit.SECONDS));
        assertTrue(store.any("7"));
        assertTrue(store.removeGone(Platform.APNS, "aa", 1000).get(10, TimeUnit.SECONDS));
        assertFalse(store.any("7"));
    }

    @Test
    void removeTakesOnlyTheUidsOwnDevice() throws Exception {
        DeviceStore store = store();
        register(store, apns("7", "aa", 1), 10);

        assertFalse(store.remove("8", "aa").get(10, TimeUnit.SECONDS));
        assertTrue(store.remove("7", "aa").get(10, TimeUnit.SECONDS));
        assertEquals(0, store.count());
    }
}
