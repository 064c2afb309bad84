package io.tidings.mobile;

import io.tidings.config.ConfigException;
import io.tidings.config.PushSettings;
import io.tidings.hub.GroupDirectory;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.sqlite.SqliteInbox;
import io.tidings.metrics.Metrics;
import io.tidings.mobile.apns.ApnsProvider;
import io.tidings.mobile.fcm.FcmProvider;
import io.tidings.mobile.sqlite.SqliteDevices;
import io.tidings.mobile.sqlite.SqliteJobs;
import io.tidings.push.AfterPublish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Mobile push, assembled: the providers configured, the device registry and job store (beside the inbox: its
 * SQLite file, or memory when the inbox is in memory; in a cluster, its Redis), the job maker delivery hands each
 * stored message to, and the pump. Built by {@code Tidings.start} only when a provider is configured.
 */
public final class MobilePush implements AutoCloseable {
    private final List<AutoCloseable> parts;
    private final JobMaker maker;
    private final Devices devices;
    private final Pump pump;
    private final DeviceStore deviceStore;
    private final JobStore jobStore;

    private MobilePush(Map<Platform, PushProvider> providers, DeviceStore deviceStore, JobStore jobStore,
            InboxStore inbox, GroupDirectory groups, PushSettings settings, Metrics metrics, Timing timing,
            LongSupplier clock) {
        this.deviceStore = deviceStore;
        this.jobStore = jobStore;
        Map<Platform, Sender> senders = new EnumMap<>(Platform.class);
        providers.forEach((platform, provider) -> senders.put(platform,
                new Sender(provider, clock, timing.firstPause(), timing.maxPause())));
        this.pump = new Pump(jobStore, deviceStore, inbox, senders,
                new Composer(settings.text(), settings.textMany()), timing.backoff(), settings.attempts(), clock);
        PushMetrics pushMetrics = new PushMetrics(metrics.registry(), pump::stats, deviceStore::count, clock);
        this.maker = new JobMaker(jobStore, deviceStore, groups, settings.collapse().toMillis(),
                settings.after().toMillis(), clock, pushMetrics, pump::added);
        this.devices = new Devices(deviceStore, settings, providers.keySet(), clock);
        this.parts = new ArrayList<>(senders.values());
        pump.start(pushMetrics);
    }

    /**
     * The waits that are not settings: the backoff between tries and the pause after a provider refused our
     * credentials. Tests shorten them.
     */
    public record Timing(Backoff backoff, Duration firstPause, Duration maxPause) {
        public static Timing standard() {
            return new Timing(Backoff.standard(), Duration.ofMinutes(1), Duration.ofHours(1));
        }
    }

    /** The device registry and the job store push runs on. */
    public record Stores(DeviceStore devices, JobStore jobs) {
    }

    /** Stores shared by every node of a cluster (in its Redis), opened only when push is on. */
    @FunctionalInterface
    public interface SharedStores {
        /** @param clock epoch ms */
        Stores open(LongSupplier clock);
    }

    /**
     * Mobile push as configured, or null when no provider is. It needs the inbox (its jobs live there and the
     * app opens at its position): without one, startup stops. A key file that cannot be read stops it too.
     *
     * @param inbox  the inbox's store, null when TIDINGS_INBOX=off
     * @param shared a cluster's stores, or null for stores beside the inbox (its SQLite file, or memory)
     * @param groups group membership: whom a group's push that asks for phones goes to
     */
    public static MobilePush start(PushSettings settings, InboxStore inbox, SharedStores shared,
            GroupDirectory groups, Metrics metrics) {
        return start(settings, inbox, shared, groups, metrics, Timing.standard());
    }

    public static MobilePush start(PushSettings settings, InboxStore inbox, SharedStores shared,
            GroupDirectory groups, Metrics metrics, Timing timing) {
        if (!settings.enabled()) {
            return null;
        }
        if (inbox == null) {
            throw new ConfigException(List.of("TIDINGS_INBOX=off, but mobile push needs the inbox (its jobs live"
                    + " there and the app opens at its position): set TIDINGS_INBOX to sqlite or memory, or unset"
                    + " the TIDINGS_APNS_* and TIDINGS_FCM_* settings"));
        }
        LongSupplier clock = System::currentTimeMillis;
        Map<Platform, PushProvider> providers = new EnumMap<>(Platform.class);
        try {
            if (settings.apns() != null) {
                providers.put(Platform.APNS, ApnsProvider.open(settings.apns()));
            }
            if (settings.fcm() != null) {
                providers.put(Platform.FCM, FcmProvider.open(settings.fcm(), clock));
            }
        } catch (RuntimeException e) {
            providers.values().forEach(PushProvider::close);
            throw e;
        }
        Stores stores;
        try {
            stores = shared != null ? shared.open(clock) : besideTheInbox(inbox, clock);
        } catch (RuntimeException e) {
            providers.values().forEach(PushProvider::close);
            throw e;
        }
        return new MobilePush(providers, stores.devices(), stores.jobs(), inbox, groups, settings, metrics, timing,
                clock);
    }

    private static Stores besideTheInbox(InboxStore inbox, LongSupplier clock) {
        if (inbox instanceof SqliteInbox sqlite) {
            return new Stores(SqliteDevices.open(sqlite), SqliteJobs.open(sqlite, clock));
        }
        return new Stores(new MemoryDevices(), new MemoryJobs(clock));
    }

    /** What delivery tells of each stored message that may go to phones. */
    public AfterPublish afterPublish() {
        return maker;
    }

    /** The device registry, for the API and the socket. */
    public Devices devices() {
        return devices;
    }

    /** Stops the pump (sends in flight settle, within seconds), then the providers; before the inbox closes. */
    @Override
    public void close() {
        pump.close();
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.getLogger(MobilePush.class.getName()).log(System.Logger.Level.WARNING, "closing " + part, e);
            }
        }
        jobStore.close();
        deviceStore.close();
    }
}
