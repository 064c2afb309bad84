package io.tidings.mobile.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.inbox.sqlite.SqliteInbox;
import io.tidings.mobile.Inboxes;
import io.tidings.mobile.Device;
import io.tidings.mobile.DeviceStore;
import io.tidings.mobile.DeviceStoreContract;
import io.tidings.mobile.Platform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices in the inbox's file: the contract, and that a restart finds them as they were. */
class SqliteDevicesTest extends DeviceStoreContract {
    @TempDir
    Path dir;
    private final Inboxes inboxes = new Inboxes(System::currentTimeMillis);

    @AfterEach
    void close() {
        inboxes.close();
    }

    @Override
    protected DeviceStore store() {
        return SqliteDevices.open(inboxes.fresh(dir));
    }

    @Test
    void aRestartFindsTheDevicesAsTheyWere() throws Exception {
        Path data = dir.resolve("restart");
        SqliteInbox first = inboxes.open(data);
        DeviceStore store = SqliteDevices.open(first);
        register(store, apns("7", "a1", 1), 2);
        register(store, apns("7", "a2", 2), 2);
        register(store, apns("7", "a3", 3), 2);
        register(store, new Device("8", Platform.FCM, "f1", null, null, 4), 2);
        register(store, apns("8", "a2", 5), 2);
        first.close();

        DeviceStore again = SqliteDevices.open(inboxes.open(data));

        assertEquals(List.of(apns("7", "a3", 3)), again.devices("7"));
        assertEquals(List.of(new Device("8", Platform.FCM, "f1", null, null, 4), apns("8", "a2", 5)),
                again.devices("8"));
    }
}
