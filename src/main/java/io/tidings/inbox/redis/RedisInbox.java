package io.tidings.inbox.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.config.InboxSettings;
import io.tidings.inbox.Append;
import io.tidings.inbox.Appended;
import io.tidings.inbox.Frames;
import io.tidings.inbox.InboxStats;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.StoredMessage;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import io.tidings.inbox.Epoch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The inbox in Redis (TIDINGS_INBOX=redis, the default in a cluster): a Redis Stream per uid, group and for
 * everyone, with its epoch, top and read mark in a hash beside it, written by one Lua script per message
 * ({@code publish.lua}) that also hands the message to the nodes of its recipients. Each stream keeps at most
 * TIDINGS_INBOX_MAX messages (MAXLEN), messages older than TIDINGS_INBOX_TTL go (trimmed by their time, and the
 * stream expires that long after its last message), and a stream untouched for twice that is forgotten (a client
 * resuming it then hears that its epoch changed). Redis's own memory limit stands in for TIDINGS_INBOX_MAX_BYTES.
 * Reads block the calling reader thread for at most {@link #TIMEOUT}.
 */
public final class RedisInbox implements InboxStore {
    /** How long a blocking read waits for Redis. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LuaScript HEAD = LuaScript.load(RedisInbox.class, "head.lua");
    private static final LuaScript MARK_READ = LuaScript.load(RedisInbox.class, "mark_read.lua");
    private static final LuaScript DELETE = LuaScript.load(RedisInbox.class, "delete.lua");

    private final RedisShards shards;
    private final RedisKeys keys;
    private final InboxSettings settings;
    private final long keyWindowMillis;
    private final LongSupplier clock;
    private final InboxAges ages;
    private final PublishBatches publishes;
    /** Sends {@link #append}'s writes in order; used only where a local broker stores in Redis (tests, tools). */
    private final ExecutorService appender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidings-redis-append");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param keyWindow how long an idempotency key is remembered
     * @param clock     epoch milliseconds
     */
    public RedisInbox(RedisShards shards, RedisKeys keys, InboxSettings settings, Duration keyWindow,
            LongSupplier clock) {
        this(shards, keys, settings, keyWindow, clock, PublishBatches.LINGER);
    }

    /** @param linger how long a publish waits for others to go with it ({@link PublishBatches#LINGER}) */
    RedisInbox(RedisShards shards, RedisKeys keys, InboxSettings settings, Duration keyWindow, LongSupplier clock,
            Duration linger) {
        this.shards = shards;
        this.keys = keys;
        this.settings = settings;
        this.keyWindowMillis = keyWindow.toMillis();
        this.clock = clock;
        this.ages = new InboxAges(shards, keys);
        this.publishes = new PublishBatches(!shards.redisCluster(), linger);
    }

    /**
     * Where a published message goes besides its stream: to the nodes holding a uid's sessions ('u', routeKey the
     * presence hash), a group's members ('g', its route hash), everyone ('a', the nodes hash, channel the broadcast
     * channel), or nowhere ('n').
     *
     * Chat targets ride the same kinds: a room's seats and a uid's chat sessions are node -> count hashes ('g'), and
     * 'c' finds the one node holding a client id in a room's seats hash.
     *
     * @param dead     the nodes whose liveness expired, as " a b ": their sessions neither receive nor count
     * @param address  what a live message's envelope names instead of its stream (a chat target: chat.md, "In a
     *                 cluster"), or null
     * @param roomOnly a stored message for a room's chat sessions alone ({@link StoredMessage#roomOnly})
     */
    public record Route(char kind, String routeKey, String channel, String dead, String address, boolean roomOnly) {
        static final Route NONE = new Route('n', null, "", " ");

        public Route(char kind, String routeKey, String channel, String dead) {
            this(kind, routeKey, channel, dead, null, false);
        }
    }

    /** What publishing did: the position (seq 0 when not stored), how many sessions it was for, a duplicate. */
    public record Written(Appended appended, int delivered) {
    }

    /**
     * Stores without publishing (the cluster's broker uses {@link #publish}, which routes in the same script).
     * Appends are sent from one thread of their own, each with its callback attached before the next is sent, so
     * {@code whenStored} runs in the order Redis stored them and never on the caller's thread: on the Lettuce
     * thread that completes the last write, or on that one thread when Redis answered before it could attach.
     */
    @Override
    public <T> CompletableFuture<T> append(List<Append> entries, Function<List<Appended>, T> whenStored) {
        CompletableFuture<CompletableFuture<T>> sent = CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<Written>> writes = new ArrayList<>(entries.size());
            for (Append entry : entries) {
                writes.add(publish(entry, true, Route.NONE));
            }
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done ->
                    whenStored.apply(writes.stream().map(write -> write.join().appended()).toList()));
        }, appender);
        return sent.thenCompose(stored -> stored);
    }

    /**
     * Stores the entry (when {@code store}) and publishes it along the route, in one atomic step, with the other
     * publishes waiting for the same Redis ({@link PublishBatches}); completes in the order publishes were asked
     * for, on a Lettuce thread (or, when Redis refused at once, the thread that sent the batch). Fails with
     * InboxUnavailable when Redis cannot.
     */
    public CompletableFuture<Written> publish(Append entry, boolean store, Route route) {
        String unit = RedisKeys.unit(entry.stream());
        String key = entry.idempotencyKey();
        long now = clock.getAsLong();
        boolean aged = store && ages.kept();
        List<String> keyList = new ArrayList<>(5);
        keyList.add(keys.meta(unit));
        keyList.add(keys.stream(unit));
        keyList.add(route.routeKey() == null ? keys.meta(unit) : route.routeKey());
        keyList.add(key == null ? keys.meta(unit) : keys.record(unit, key));
        if (aged) {
            keyList.add(keys.ages());
        }
        String[] args = {
            String.valueOf(route.kind()), entry.stream().text(), entry.id(), Long.toString(entry.ts()), entry.frame(),
            store ? "1" : "0", Integer.toString(settings.maxPerStream()), Long.toString(cutoff(now)),
            Long.toString(settings.ttl().toSeconds()), Long.toString(metaTtlSeconds()), Epoch.candidate(),
            Long.toString(now), Long.toString(keyWindowMillis), Long.toString(keyWindowMillis / 1000 + 1),
            key == null ? "0" : "1", route.channel(), route.dead(), aged ? "1" : "0",
            route.address() == null ? entry.stream().text() : route.address(), route.roomOnly() ? "1" : "0"};
        return publishes.publish(shards.forUnit(unit), keyList.toArray(String[]::new), args)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    long seq = (Long) reply.get(0);
                    String epoch = (String) reply.get(1);
                    boolean duplicate = (Long) reply.get(3) == 1;
                    String frame = seq == 0 || duplicate ? entry.frame() : Frames.positioned(entry.frame(), seq, epoch);
                    Appended appended = new Appended(entry.stream(), (String) reply.get(4), seq, epoch, frame,
                            duplicate);
                    return new Written(appended, ((Long) reply.get(2)).intValue());
                });
    }

    @Override
    public StreamHead head(StreamKey stream) {
        return await(headAsync(stream));
    }

    /** The stream's head without blocking. */
    public CompletableFuture<StreamHead> headAsync(StreamKey stream) {
        String unit = RedisKeys.unit(stream);
        return HEAD.<List<Object>>run(shards.forUnit(unit), ScriptOutputType.MULTI,
                new String[] {keys.meta(unit), keys.stream(unit)}, Long.toString(cutoff(clock.getAsLong())),
                Epoch.candidate(), Long.toString(metaTtlSeconds()))
                .handle((reply, failure) -> head(stream, reply, failure));
    }

    private static StreamHead head(StreamKey stream, List<Object> reply, Throwable failure) {
        if (failure != null) {
            throw RedisFailures.unavailable(failure);
        }
        String epoch = (String) reply.get(0);
        long top = (Long) reply.get(1);
        long first = (Long) reply.get(2);
        long readUpTo = (Long) reply.get(3);
        long unread = top - Math.max(readUpTo, first - 1);
        return new StreamHead(stream, epoch, top, first, readUpTo, unread);
    }

    @Override
    public List<StoredMessage> read(StreamKey stream, long after, long before, int limit, boolean newest) {
        return await(readAsync(stream, after, before, limit, newest));
    }

    /** {@link #read} without blocking (a node filling a gap in what it received). */
    public CompletableFuture<List<StoredMessage>> readAsync(StreamKey stream, long after, long before, int limit,
            boolean newest) {
        if (before - after <= 1 || limit <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        String unit = RedisKeys.unit(stream);
        RedisClusterAsyncCommands<String, String> redis = shards.forUnit(unit);
        Range<String> range = Range.create((after + 1) + "-0", before == Long.MAX_VALUE ? "+" : (before - 1) + "-0");
        CompletableFuture<List<StreamMessage<String, String>>> found = newest
                ? redis.xrevrange(keys.stream(unit), range, Limit.from(limit)).toCompletableFuture()
                : redis.xrange(keys.stream(unit), range, Limit.from(limit)).toCompletableFuture();
        long cutoff = cutoff(clock.getAsLong());
        return found.handle((entries, failure) -> {
            if (failure != null) {
                throw RedisFailures.unavailable(failure);
            }
            List<StoredMessage> messages = new ArrayList<>(entries.size());
            for (StreamMessage<String, String> entry : entries) {
                long ts = Long.parseLong(entry.getBody().get("t"));
                if (ts >= cutoff) {
                    String id = entry.getId();
                    messages.add(new StoredMessage(Long.parseLong(id.substring(0, id.indexOf('-'))),
                            entry.getBody().get("i"), ts, entry.getBody().get("f"), entry.getBody().containsKey("o")));
                }
            }
            if (newest) {
                Collections.reverse(messages);
            }
            return messages;
        });
    }

    @Override
    public CompletableFuture<StreamHead> markRead(StreamKey stream, long upTo) {
        String unit = RedisKeys.unit(stream);
        return MARK_READ.<List<Object>>run(shards.forUnit(unit), ScriptOutputType.MULTI,
                new String[] {keys.meta(unit), keys.stream(unit)}, Long.toString(upTo),
                Long.toString(cutoff(clock.getAsLong())), Epoch.candidate(), Long.toString(metaTtlSeconds()))
                .handle((reply, failure) -> head(stream, reply, failure));
    }

    @Override
    public CompletableFuture<Long> delete(StreamKey stream) {
        String unit = RedisKeys.unit(stream);
        String[] keyList = ages.kept() ? new String[] {keys.meta(unit), keys.stream(unit), keys.ages()}
                : new String[] {keys.meta(unit), keys.stream(unit)};
        return DELETE.<Long>run(shards.forUnit(unit), ScriptOutputType.INTEGER, keyList, Epoch.candidate(),
                Long.toString(metaTtlSeconds()), stream.text()).handle((removed, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    return removed;
                });
    }

    @Override
    public InboxStats stats() {
        return ages.stats();
    }

    /** Nothing to close: the connections belong to the cluster that made this store. */
    @Override
    public void close() {
        appender.shutdown();
        publishes.close();
    }

    private long cutoff(long now) {
        return now - settings.ttl().toMillis();
    }

    /** A stream's epoch and top outlive its messages, by as long again as they live. */
    private long metaTtlSeconds() {
        return 2 * settings.ttl().toSeconds();
    }

    /** The future's value within {@link #TIMEOUT}, or InboxUnavailable: a blocking read of a Redis store. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RedisFailures.unavailable(e);
        } catch (Exception e) {
            throw RedisFailures.unavailable(e);
        }
    }
}
