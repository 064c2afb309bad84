package io.tidings.mobile.sqlite;

import io.tidings.config.PushSettings;
import io.tidings.inbox.sqlite.SqliteInbox;
import io.tidings.mobile.Device;
import io.tidings.mobile.IndexedDevices;
import io.tidings.mobile.DeviceIndex;
import io.tidings.mobile.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The device registry in the inbox's database, with every device also in memory (a {@link DeviceIndex} in
 * front of the table: a few hundred bytes each), so the questions job making asks on the writer thread need no
 * I/O. A change is made to the memory copy on the writer thread, inside the commit's work, then written; if the
 * commit fails the copy is loaded again from the table, so the two never stay apart.
 */
public final class SqliteDevices extends IndexedDevices {
    private static final System.Logger LOG = System.getLogger(SqliteDevices.class.getName());

    private final SqliteInbox inbox;

    private SqliteDevices(SqliteInbox inbox) {
        this.inbox = inbox;
    }

    /** Opens the registry in the inbox's database (creating its table) and loads every device. */
    public static SqliteDevices open(SqliteInbox inbox) {
        PushTables.create(inbox);
        SqliteDevices devices = new SqliteDevices(inbox);
        inbox.write(devices::load).join();
        return devices;
    }

    private Void load(Connection connection) throws SQLException {
        index().clear();
        try (PreparedStatement all = connection.prepareStatement("SELECT uid, platform, token, topic, env,"
                + " registered FROM push_devices ORDER BY registered, rowid");
                ResultSet rows = all.executeQuery()) {
            while (rows.next()) {
                String env = rows.getString(5);
                index().load(new Device(rows.getString(1), Platform.of(rows.getString(2)), rows.getString(3),
                        rows.getString(4), env == null ? null : PushSettings.Env.valueOf(env), rows.getLong(6)));
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<List<Device>> register(Device device, int maxPerUid) {
        return write(connection -> {
            List<Device> dropped = index().register(device, maxPerUid).dropped();
            for (Device gone : dropped) {
                delete(connection, gone.platform(), gone.token());
            }
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO push_devices(platform, token,"
                    + " uid, topic, env, registered) VALUES(?,?,?,?,?,?) ON CONFLICT(platform, token) DO UPDATE SET"
                    + " uid=excluded.uid, topic=excluded.topic, env=excluded.env, registered=excluded.registered")) {
                upsert.setString(1, device.platform().label());
                upsert.setString(2, device.token());
                upsert.setString(3, device.uid());
                upsert.setString(4, device.topic());
                upsert.setString(5, device.env() == null ? null : device.env().name());
                upsert.setLong(6, device.registeredAt());
                upsert.executeUpdate();
            }
            return dropped;
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(String uid, String token) {
        return write(connection -> {
            Device device = index().remove(uid, token);
            if (device != null) {
                delete(connection, device.platform(), token);
            }
            return device != null;
        });
    }

    @Override
    public CompletableFuture<Boolean> removeGone(Platform platform, String token, long since) {
        return write(connection -> {
            boolean removed = index().removeGone(platform, token, since) != null;
            if (removed) {
                delete(connection, platform, token);
            }
            return removed;
        });
    }

    private static void delete(Connection connection, Platform platform, String token) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM push_devices WHERE platform=? AND token=?")) {
            delete.setString(1, platform.label());
            delete.setString(2, token);
            delete.executeUpdate();
        }
    }

    /** A change to the memory copy and the table alike; a failed commit reloads the copy from the table. */
    private <T> CompletableFuture<T> write(SqliteInbox.Work<T> work) {
        return inbox.write(work).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "a device registry change was not stored: " + failure.getMessage());
                inbox.write(this::load);
            }
        });
    }
}
