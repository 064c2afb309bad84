package io.tidings.mobile.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.config.PushSettings;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisFailures;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.inbox.redis.RedisShards;
import io.tidings.mobile.Device;
import io.tidings.mobile.DeviceIndex;
import io.tidings.mobile.IndexedDevices;
import io.tidings.mobile.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The device registry of a cluster: in Redis, one hash of every device and a sorted set per uid, changed by one
 * script each (the rules are {@link DeviceIndex}'s: a token belongs to one uid, the newest {@code maxPerUid}
 * registrations stay, "gone" loses to a later registration). Every node keeps the whole registry in memory, so
 * job making asks {@link #any} without I/O: each script publishes its change on the device channel, in the order
 * of the changes, and each node applies it; a node whose subscription was (re)made reads the whole hash again
 * (pub/sub drops what is published while a connection is down), applying what arrives meanwhile on top.
 */
public final class RedisDevices extends IndexedDevices {
    private static final System.Logger LOG = System.getLogger(RedisDevices.class.getName());
    private static final LuaScript REGISTER = LuaScript.load(RedisDevices.class, "devices.lua", "register.lua");
    private static final LuaScript REMOVE = LuaScript.load(RedisDevices.class, "devices.lua", "remove.lua");
    private static final LuaScript REMOVE_GONE = LuaScript.load(RedisDevices.class, "devices.lua",
            "remove_gone.lua");
    private static final long LOAD_WAIT_SECONDS = 15;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final RedisKeys keys;
    private final Object lock = new Object();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    /** Changes heard while a full read is on its way (applied on top of it); null when none is. */
    private List<String> heardDuringLoad;
    private int loading;

    private RedisDevices(RedisShards shards, RedisKeys keys) {
        this.redis = shards.forUnit(RedisKeys.PUSH);
        this.keys = keys;
    }

    /**
     * Subscribes to the registry's changes, then reads it whole; returns once it has (a Redis that does not answer
     * within 15 s fails startup).
     */
    public static RedisDevices open(RedisShards shards, RedisKeys keys) {
        RedisDevices devices = new RedisDevices(shards, keys);
        shards.listen(keys.deviceChannel(), devices::heard, devices::load);
        try {
            devices.loaded.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RedisFailures.unavailable(e);
        } catch (Exception e) {
            throw RedisFailures.unavailable(e);
        }
        return devices;
    }

    /** "registered|platform|env|topic|token|uid": the uid last, since only it may hold any character. */
    static String encode(Device device) {
        return device.registeredAt() + "|" + device.platform().label() + "|"
                + (device.env() == null ? "" : device.env().name()) + "|"
                + (device.topic() == null ? "" : device.topic()) + "|" + device.token() + "|" + device.uid();
    }

    static Device decode(String text) {
        String[] parts = text.split("\\|", 6);
        return new Device(parts[5], Platform.of(parts[1]), parts[4], parts[3].isEmpty() ? null : parts[3],
                parts[2].isEmpty() ? null : PushSettings.Env.valueOf(parts[2]), Long.parseLong(parts[0]));
    }

    private static String key(Platform platform, String token) {
        return platform.label() + ":" + token;
    }

    /** One change from the channel: "+device" or "-platform:token". */
    private void heard(String change) {
        synchronized (lock) {
            if (heardDuringLoad != null) {
                heardDuringLoad.add(change);
            }
            apply(index(), change);
        }
    }

    private static void apply(DeviceIndex target, String change) {
        if (change.startsWith("+")) {
            target.load(decode(change.substring(1)));
        } else if (change.startsWith("-")) {
            int colon = change.indexOf(':');
            Platform platform = Platform.of(change.substring(1, colon));
            if (platform != null) {
                target.removeGone(platform, change.substring(colon + 1), Long.MAX_VALUE);
            }
        }
    }

    /** Reads the whole registry (after each subscription), then swaps it in with what was heard meanwhile. */
    private void load() {
        synchronized (lock) {
            loading++;
            if (heardDuringLoad == null) {
                heardDuringLoad = new ArrayList<>();
            }
        }
        redis.hgetall(keys.devices()).whenComplete((all, failure) -> {
            synchronized (lock) {
                List<String> heard = heardDuringLoad;
                if (--loading == 0) {
                    heardDuringLoad = null;
                }
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "the device registry could not be read from Redis (this"
                            + " node's copy may miss changes until its next subscription): " + failure.getMessage());
                    return;
                }
                replace(fresh(all, heard));
            }
            loaded.complete(null);
        });
    }

    private static DeviceIndex fresh(Map<String, String> all, List<String> heard) {
        DeviceIndex fresh = new DeviceIndex();
        List<Device> devices = new ArrayList<>(all.size());
        for (String text : all.values()) {
            devices.add(decode(text));
        }
        devices.sort(Comparator.comparingLong(Device::registeredAt));
        devices.forEach(fresh::load);
        heard.forEach(change -> apply(fresh, change));
        return fresh;
    }

    @Override
    public CompletableFuture<List<Device>> register(Device device, int maxPerUid) {
        String[] scriptKeys = {keys.devices(), keys.devicesOfPrefix() + device.uid(), keys.deviceOrder()};
        return REGISTER.<List<Object>>run(redis, ScriptOutputType.MULTI, scriptKeys,
                key(device.platform(), device.token()), encode(device), Integer.toString(maxPerUid),
                keys.deviceChannel(), keys.devicesOfPrefix()).handle((reply, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    List<Device> dropped = new ArrayList<>(reply.size());
                    synchronized (lock) {
                        index().load(device); // at once here; the channel tells the others (and this node again)
                        for (Object text : reply) {
                            Device gone = decode((String) text);
                            dropped.add(gone);
                            index().removeGone(gone.platform(), gone.token(), Long.MAX_VALUE);
                        }
                    }
                    return dropped;
                });
    }

    @Override
    public CompletableFuture<Boolean> remove(String uid, String token) {
        return REMOVE.<Long>run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.devices(), keys.devicesOfPrefix() + uid}, token, keys.deviceChannel(),
                keys.devicesOfPrefix()).handle((removed, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    if (removed == 1) {
                        synchronized (lock) {
                            index().remove(uid, token);
                        }
                    }
                    return removed == 1;
                });
    }

    @Override
    public CompletableFuture<Boolean> removeGone(Platform platform, String token, long since) {
        return REMOVE_GONE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.devices()},
                key(platform, token), Long.toString(since), keys.deviceChannel(), keys.devicesOfPrefix())
                .handle((removed, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    if (removed == 1) {
                        synchronized (lock) {
                            index().removeGone(platform, token, Long.MAX_VALUE);
                        }
                    }
                    return removed == 1;
                });
    }

    @Override
    public void close() {
        // the connections belong to the cluster
    }
}
