package io.tidings.mobile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered devices by uid and by token, in memory, and the rules of registering, written once: a token belongs
 * to one uid (registering it elsewhere moves it), a uid keeps its newest {@code maxPerUid} registrations, a
 * provider's "gone" loses to a registration made after it. The memory store is this index; the SQLite store
 * keeps one in front of its table and writes each change this index made.
 */
public final class DeviceIndex {
    private final Map<String, List<Device>> byUid = new HashMap<>();
    private final Map<String, Device> byToken = new HashMap<>();

    /** What one registration changed: the registration it replaced (the same token, any uid), and the dropped. */
    public record Registration(Device replaced, List<Device> dropped) {
    }

    private static String key(Platform platform, String token) {
        return platform.label() + ':' + token;
    }

    public synchronized Registration register(Device device, int maxPerUid) {
        Device replaced = take(byToken.get(key(device.platform(), device.token())));
        List<Device> mine = byUid.computeIfAbsent(device.uid(), uid -> new ArrayList<>(2));
        mine.add(device);
        byToken.put(key(device.platform(), device.token()), device);
        List<Device> dropped = new ArrayList<>(0);
        while (mine.size() > maxPerUid) {
            Device oldest = mine.get(0);
            dropped.add(take(oldest));
        }
        return new Registration(replaced, dropped);
    }

    /** Removes the uid's device with this token; returns it, or null. */
    public synchronized Device remove(String uid, String token) {
        for (Device device : byUid.getOrDefault(uid, List.of())) {
            if (device.token().equals(token)) {
                return take(device);
            }
        }
        return null;
    }

    /** Removes a device gone since that time unless registered after it; returns it, or null. */
    public synchronized Device removeGone(Platform platform, String token, long since) {
        Device device = byToken.get(key(platform, token));
        return device == null || device.registeredAt() > since ? null : take(device);
    }

    private Device take(Device device) {
        if (device == null) {
            return null;
        }
        byToken.remove(key(device.platform(), device.token()));
        List<Device> mine = byUid.get(device.uid());
        if (mine != null) {
            mine.remove(device);
            if (mine.isEmpty()) {
                byUid.remove(device.uid());
            }
        }
        return device;
    }

    /** Puts back a device as stored (loading the table); the newest registration of a token wins. */
    public synchronized void load(Device device) {
        register(device, Integer.MAX_VALUE);
    }

    public synchronized void clear() {
        byUid.clear();
        byToken.clear();
    }

    public synchronized List<Device> devices(String uid) {
        return List.copyOf(byUid.getOrDefault(uid, List.of()));
    }

    public synchronized Device find(Platform platform, String token) {
        return byToken.get(key(platform, token));
    }

    public synchronized boolean any(String uid) {
        return byUid.containsKey(uid);
    }

    public synchronized Collection<String> uids() {
        return List.copyOf(byUid.keySet());
    }

    public synchronized int count() {
        return byToken.size();
    }
}
