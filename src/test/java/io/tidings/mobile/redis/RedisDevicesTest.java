package io.tidings.mobile.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.inbox.redis.RedisKeys;
import io.tidings.mobile.Device;
import io.tidings.mobile.DeviceStore;
import io.tidings.mobile.DeviceStoreContract;
import io.tidings.mobile.Platform;
import io.tidings.testing.RedisStores;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's device registry against a real redis-server: the contract, and that every node's copy follows
 * changes made on another, including one that starts later or loses its subscription for a while.
 */
class RedisDevicesTest extends DeviceStoreContract {
    @RegisterExtension
    static final RedisStores REDIS = new RedisStores();

    @Override
    protected DeviceStore store() {
        return RedisDevices.open(REDIS.connections(), RedisStores.freshKeys());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aChangeOnOneNodeReachesTheOthersCopyAndANodeStartingLaterReadsThemAll() throws Exception {
        RedisKeys keys = RedisStores.freshKeys();
        DeviceStore a = RedisDevices.open(REDIS.connections(), keys);
        DeviceStore b = RedisDevices.open(REDIS.connections(), keys);

        register(a, apns("7", "a1", 1), 2);
        register(a, apns("7", "a2", 2), 2);
        register(b, apns("8", "a1", 3), 2); // the token moves to 8
        register(b, new Device("7", Platform.FCM, "f1", null, null, 4), 2);

        List<Device> seven = List.of(apns("7", "a2", 2), new Device("7", Platform.FCM, "f1", null, null, 4));
        await(() -> a.devices("7").equals(seven) && a.devices("8").equals(List.of(apns("8", "a1", 3))),
                "node a's copy");
        assertEquals(seven, b.devices("7"));
        assertTrue(a.removeGone(Platform.FCM, "f1", 10).get());
        await(() -> !b.devices("7").contains(new Device("7", Platform.FCM, "f1", null, null, 4)), "the removal on b");

        DeviceStore later = RedisDevices.open(REDIS.connections(), keys);
        assertEquals(List.of(apns("7", "a2", 2)), later.devices("7"));
        assertEquals(2, later.count());
        assertTrue(later.any("8"));
    }
}
