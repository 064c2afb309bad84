package io.tidings.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.hub.HubListener;
import io.tidings.hub.LiveSession;
import io.tidings.hub.RoomDirectory;
import io.tidings.hub.Rooms;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisFailures;
import io.tidings.inbox.redis.RedisKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Chat rooms across the cluster. A room's seats, on every node, are one hash in the room's unit
 * ({@code client id -> "order node uid name"}), so a login's client_list, a private say's addressee and "was this the
 * uid's last seat" are each one step in Redis; a node on a room's route ({@link GroupRoutes}, where seats count like
 * members' sessions) receives the room's messages. A uid's chat sessions per node are a hash of their own, which
 * routes pm and groupPm. A dead node's seats are unseated by the survivor that sweeps it, and its room told.
 * Everything this node writes runs on the cluster's thread, in the order things happened here.
 */
final class ClusterRooms implements RoomDirectory, HubListener {
    private static final LuaScript SIT = LuaScript.load(ClusterRooms.class, "sit.lua");
    private static final LuaScript UNSEAT = LuaScript.load(ClusterRooms.class, "unseat.lua");
    private static final LuaScript UNSEAT_NODE = LuaScript.load(ClusterRooms.class, "unseat_node.lua");

    private final ClusterParts parts;
    private final RedisKeys keys;
    private final String node;
    private final NodeRegistry nodes;
    private final GroupRoutes routes;
    private final Rooms rooms;
    /** Seats of this node on routes, by client id: their room. */
    private final Map<String, String> routed = new HashMap<>();
    /** Seats of this node per room. */
    private final Map<String, Integer> seatsHere = new HashMap<>();
    /** Chat sessions of this node per uid. */
    private final Map<String, Integer> chatSessions = new HashMap<>();
    private final List<Lost> unannounced = new ArrayList<>();
    private Consumer<List<Lost>> lostListener;
    private Consumer<List<Back>> backListener = back -> { };

    ClusterRooms(ClusterParts parts, NodeRegistry nodes, GroupRoutes routes, Rooms rooms) {
        this.parts = parts;
        this.keys = parts.keys();
        this.node = parts.node();
        this.nodes = nodes;
        this.routes = routes;
        this.rooms = rooms;
    }

    private RedisClusterAsyncCommands<String, String> roomShard(String room) {
        return parts.redis().forUnit(RedisKeys.unit(StreamKey.group(room)));
    }

    @Override
    public CompletableFuture<List<Sitter>> sat(Rooms.Seat seat) {
        CompletableFuture<List<Sitter>> done = new CompletableFuture<>();
        parts.loop().execute(() -> {
            String room = seat.room();
            CompletableFuture<Void> route = CompletableFuture.completedFuture(null);
            if (routed.put(seat.clientId(), room) == null) {
                route = routes.seatsChanged(room, 1);
                if (seatsHere.merge(room, 1, Integer::sum) == 1) {
                    roomShard(room).sadd(keys.nodeRooms(node), room);
                }
            }
            // After the route: the room's messages reach this node before the newcomer's history is read.
            route.thenCompose(onRoute -> SIT.<List<Object>>run(roomShard(room), ScriptOutputType.MULTI,
                    new String[] {keys.seats(room)}, seat.clientId(), node, seat.uid(), seat.name()))
                    .whenComplete((reply, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(RedisFailures.unavailable(failure));
                        } else {
                            done.complete(everyone(reply));
                        }
                    });
        });
        return done;
    }

    /** The seats of live nodes in the order they sat. */
    private List<Sitter> everyone(List<Object> fields) {
        List<Object[]> seats = new ArrayList<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String[] value = ((String) fields.get(i + 1)).split(" ", 4);
            if (value.length == 4 && !nodes.isDead(value[1])) {
                seats.add(new Object[] {Long.parseLong(value[0]), new Sitter((String) fields.get(i), value[2],
                        value[3])});
            }
        }
        seats.sort(Comparator.comparingLong(seat -> (Long) seat[0]));
        return seats.stream().map(seat -> (Sitter) seat[1]).toList();
    }

    @Override
    public CompletableFuture<Boolean> left(Rooms.Seat seat) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        parts.loop().execute(() -> {
            String room = seat.room();
            if (routed.remove(seat.clientId(), room)) {
                routes.seatsChanged(room, -1);
                if (seatsHere.merge(room, -1, Integer::sum) == 0) {
                    seatsHere.remove(room);
                    roomShard(room).srem(keys.nodeRooms(node), room);
                }
            }
            UNSEAT.<Long>run(roomShard(room), ScriptOutputType.INTEGER, new String[] {keys.seats(room)},
                    seat.clientId(), seat.uid()).whenComplete((last, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(RedisFailures.unavailable(failure));
                        } else {
                            done.complete(last == 1);
                        }
                    });
        });
        return done;
    }

    @Override
    public CompletableFuture<Sitter> find(String room, String clientId) {
        return roomShard(room).hget(keys.seats(room), clientId).toCompletableFuture().handle((value, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            String[] parts = value == null ? new String[0] : value.split(" ", 4);
            return parts.length == 4 && !nodes.isDead(parts[1]) ? new Sitter(clientId, parts[2], parts[3]) : null;
        });
    }

    @Override
    public CompletableFuture<Boolean> seated(String room, String uid) {
        return roomShard(room).hvals(keys.seats(room)).toCompletableFuture().handle((values, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            return values.stream().anyMatch(value -> value.split(" ", 4).length == 4
                    && value.split(" ", 4)[2].equals(uid));
        });
    }

    @Override
    public void onLost(Consumer<List<Lost>> listener) {
        parts.loop().execute(() -> {
            lostListener = listener;
            if (!unannounced.isEmpty()) {
                listener.accept(List.copyOf(unannounced));
                unannounced.clear();
            }
        });
    }

    @Override
    public void onBack(Consumer<List<Back>> listener) {
        parts.loop().execute(() -> backListener = listener);
    }

    @Override
    public void registered(LiveSession session) {
        parts.loop().execute(() -> chatSessionsChanged(session.uid(), 1));
    }

    @Override
    public void unregistered(LiveSession session) {
        parts.loop().execute(() -> chatSessionsChanged(session.uid(), -1));
    }

    /** Writes this node's count of the uid's chat sessions, which routes pm and groupPm here. */
    private void chatSessionsChanged(String uid, int delta) {
        int count = chatSessions.merge(uid, delta, Integer::sum);
        RedisClusterAsyncCommands<String, String> shard = parts.redis().forUnit(RedisKeys.uidUnit(uid));
        if (count > 0) {
            shard.hset(keys.chatPresence(uid), node, Integer.toString(count));
            if (count == delta) {
                shard.sadd(keys.nodeChatUids(node), uid);
            }
        } else {
            chatSessions.remove(uid);
            shard.hdel(keys.chatPresence(uid), node);
            shard.srem(keys.nodeChatUids(node), uid);
        }
    }

    /**
     * A kick: the uid's chat sessions on the other live nodes are closed 4006 by their nodes (this node's own are
     * the caller's to close); completes with how many there were.
     */
    CompletableFuture<Integer> kickElsewhere(String uid) {
        RedisClusterAsyncCommands<String, String> shard = parts.redis().forUnit(RedisKeys.uidUnit(uid));
        return shard.hgetall(keys.chatPresence(uid)).toCompletableFuture().thenApply(counts -> {
            int kicked = 0;
            for (Map.Entry<String, String> entry : counts.entrySet()) {
                if (!entry.getKey().equals(node) && !nodes.isDead(entry.getKey())) {
                    shard.publish(keys.nodeChannel(entry.getKey()), Envelope.kickChat(uid));
                    kicked += Integer.parseInt(entry.getValue());
                }
            }
            return kicked;
        });
    }

    /**
     * Unseats a node's seats and takes its chat sessions out of their uids' hashes: a survivor sweeping a dead
     * node, or a node starting under its own earlier id. The seats' rooms are told (through the lost listener).
     */
    CompletableFuture<Void> sweep(String other) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        List<Lost> lost = new ArrayList<>();
        for (RedisClusterAsyncCommands<String, String> shard : parts.redis().each()) {
            steps.add(shard.smembers(keys.nodeRooms(other)).toCompletableFuture().thenCompose(listed -> {
                List<CompletableFuture<?>> unseats = new ArrayList<>();
                for (String room : listed) {
                    unseats.add(UNSEAT_NODE.<List<Object>>run(roomShard(room), ScriptOutputType.MULTI,
                            new String[] {keys.seats(room)}, other).thenAccept(removed -> {
                                synchronized (lost) {
                                    for (int i = 0; i + 1 < removed.size(); i += 2) {
                                        String[] value = ((String) removed.get(i + 1)).split(" ", 4);
                                        lost.add(new Lost(room, new Sitter((String) removed.get(i), value[2],
                                                value[3])));
                                    }
                                }
                            }));
                }
                return CompletableFuture.allOf(unseats.toArray(CompletableFuture[]::new));
            }).thenCompose(done -> shard.del(keys.nodeRooms(other)).toCompletableFuture()));
            steps.add(shard.smembers(keys.nodeChatUids(other)).toCompletableFuture().thenCompose(uids -> {
                List<CompletableFuture<?>> removals = new ArrayList<>();
                for (String uid : uids) {
                    removals.add(parts.redis().forUnit(RedisKeys.uidUnit(uid)).hdel(keys.chatPresence(uid), other)
                            .toCompletableFuture());
                }
                return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
            }).thenCompose(done -> shard.del(keys.nodeChatUids(other)).toCompletableFuture()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        // What was removed is announced even when another step failed: the retry would not find it again.
        all.whenComplete((done, failure) -> {
            List<Lost> removed;
            synchronized (lost) {
                removed = List.copyOf(lost);
            }
            parts.loop().execute(() -> announce(removed));
        });
        return all;
    }

    private void announce(List<Lost> lost) {
        if (lost.isEmpty()) {
            return;
        }
        if (lostListener == null) {
            unannounced.addAll(lost); // chat starts after the cluster: it hears them then
        } else {
            lostListener.accept(List.copyOf(lost));
        }
    }

    /**
     * After Redis lost touch with this node: its seats and chat sessions are written back as they are now (a
     * survivor may have unseated them, taking this node for dead; the rooms heard a logout for each then). What
     * left here while Redis was unreachable (its unseat, its logout and its presence removal all failed) is taken
     * out now, and its rooms hear the logouts they missed; otherwise a ghost would stay in every newcomer's
     * client_list, and a pm to its uid would count as delivered, for the rest of this node's life. When this node
     * was swept ({@code swept}), the rooms hear its seats that Redis no longer had log in again. The scripts are
     * loaded first: the rewrite relies on Redis running its unseat before its sits, which a NOSCRIPT retry (Redis
     * restarted, failed over) would not keep.
     */
    void restore(boolean swept) {
        List<CompletableFuture<String>> loads = new ArrayList<>();
        for (RedisClusterAsyncCommands<String, String> shard : parts.redis().each()) {
            loads.add(SIT.preload(shard));
            loads.add(UNSEAT_NODE.preload(shard));
        }
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                .whenComplete((loaded, failure) -> parts.loop().execute(() -> rewrite(swept)));
    }

    private void rewrite(boolean swept) {
        for (Map.Entry<String, Integer> entry : chatSessions.entrySet()) {
            RedisClusterAsyncCommands<String, String> shard = parts.redis().forUnit(RedisKeys.uidUnit(entry.getKey()));
            shard.hset(keys.chatPresence(entry.getKey()), node, Integer.toString(entry.getValue()));
            shard.sadd(keys.nodeChatUids(node), entry.getKey());
        }
        // Routed but no longer in Rooms: leaving, their unseat and logout still to come from left(); not ours to tell.
        Map<String, Set<String>> routedIds = new HashMap<>();
        routed.forEach((clientId, room) -> routedIds.computeIfAbsent(room, r -> new HashSet<>())
                .add(clientId));
        Map<String, List<Rooms.Seat>> here = new HashMap<>();
        for (Rooms.Seat seat : rooms.allSeats()) {
            if (seat.room().equals(routed.get(seat.clientId()))) {
                here.computeIfAbsent(seat.room(), room -> new ArrayList<>()).add(seat);
            }
        }
        for (String room : seatsHere.keySet()) {
            roomShard(room).sadd(keys.nodeRooms(node), room);
            unseatLeft(room, routedIds.getOrDefault(room, Set.of()), swept ? here.getOrDefault(room, List.of())
                    : List.of());
        }
        for (List<Rooms.Seat> inRoom : here.values()) {
            for (Rooms.Seat seat : inRoom) {
                SIT.run(roomShard(seat.room()), ScriptOutputType.MULTI, new String[] {keys.seats(seat.room())},
                        seat.clientId(), node, seat.uid(), seat.name());
            }
        }
        Set<String> roomsHere = Set.copyOf(seatsHere.keySet());
        Set<String> uidsHere = Set.copyOf(chatSessions.keySet());
        for (RedisClusterAsyncCommands<String, String> shard : parts.redis().each()) {
            shard.smembers(keys.nodeRooms(node)).thenAccept(listed -> parts.loop().execute(() -> {
                for (String room : listed) {
                    if (!roomsHere.contains(room) && !seatsHere.containsKey(room)) {
                        unseatLeft(room, Set.of(), List.of());
                        roomShard(room).srem(keys.nodeRooms(node), room);
                    }
                }
            }));
            shard.smembers(keys.nodeChatUids(node)).thenAccept(listed -> parts.loop().execute(() -> {
                for (String uid : listed) {
                    if (!uidsHere.contains(uid) && !chatSessions.containsKey(uid)) {
                        RedisClusterAsyncCommands<String, String> uidShard = parts.redis().forUnit(
                                RedisKeys.uidUnit(uid));
                        uidShard.hdel(keys.chatPresence(uid), node);
                        uidShard.srem(keys.nodeChatUids(node), uid);
                    }
                }
            }));
        }
    }

    /**
     * Removes this node's seats in the room from Redis (the caller writes back those still seated here) and tells the
     * room what changed meanwhile: a removed seat not routed here any more ({@code routedHere}: this node's client ids
     * in the room, leaving ones included) logged out; a seat of {@code comingBack} that Redis no longer had (a
     * survivor swept it) logged in again.
     */
    private void unseatLeft(String room, Set<String> routedHere, List<Rooms.Seat> comingBack) {
        UNSEAT_NODE.<List<Object>>run(roomShard(room), ScriptOutputType.MULTI, new String[] {keys.seats(room)}, node)
                .thenAccept(removed -> {
                    Set<String> inRedis = new HashSet<>();
                    List<Lost> left = new ArrayList<>();
                    for (int i = 0; i + 1 < removed.size(); i += 2) {
                        String clientId = (String) removed.get(i);
                        String[] value = ((String) removed.get(i + 1)).split(" ", 4);
                        inRedis.add(clientId);
                        if (value.length == 4 && !routedHere.contains(clientId)) {
                            left.add(new Lost(room, new Sitter(clientId, value[2], value[3])));
                        }
                    }
                    // A newcomer still arriving may have its SIT sent after this: its own login is announced.
                    List<Back> back = comingBack.stream().filter(seat -> !inRedis.contains(seat.clientId())
                            && !rooms.isArriving(seat))
                            .map(seat -> new Back(room, new Sitter(seat.clientId(), seat.uid(), seat.name())))
                            .toList();
                    parts.loop().execute(() -> {
                        announce(left);
                        if (!back.isEmpty()) {
                            backListener.accept(back);
                        }
                    });
                });
    }
}
