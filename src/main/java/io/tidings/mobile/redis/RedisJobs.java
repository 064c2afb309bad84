package io.tidings.mobile.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tidings.inbox.redis.LuaScript;
import io.tidings.inbox.redis.RedisInbox;
import io.tidings.inbox.redis.RedisFailures;
import io.tidings.inbox.redis.RedisKeys;
import io.tidings.inbox.redis.RedisShards;
import io.tidings.mobile.DeadLetters;
import io.tidings.mobile.Job;
import io.tidings.mobile.JobStore;
import io.tidings.mobile.Platform;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The push jobs of a cluster, in Redis: every node's pump takes due jobs from the same sorted set, each job handed
 * to one node by an atomic claim, under a {@link #LEASE} that the claimer renews while it holds the job (every
 * third of it). A node that dies stops renewing: its jobs are due again once their lease lapses, and another node
 * sends them. So a job is never lost; it is sent twice only when its node died (or stalled past the lease) after
 * the provider took it and before it settled, and the resend carries the same collapse id, which the phone shows
 * as one notification. A settlement from a claim that lapsed is ignored (the node that took the job over settles
 * it). Each change is one script on the {@code {push}} unit.
 */
public final class RedisJobs implements JobStore {
    /** How long a claimed job stays its claimer's without a renewal: how soon a dead node's jobs move on. */
    public static final Duration LEASE = Duration.ofSeconds(15);
    /**
     * Jobs claimed by one script at most: Redis runs nothing else meanwhile, and a claim whose answer does not come
     * within the command timeout leaves its jobs leased unsent, so the script is kept short; the pump claims again.
     */
    static final int CLAIM_BATCH = 200;
    private static final LuaScript ADD = LuaScript.load(RedisJobs.class, "jobs.lua", "add.lua");
    private static final LuaScript CLAIM = LuaScript.load(RedisJobs.class, "jobs.lua", "claim.lua");
    private static final LuaScript SETTLE = LuaScript.load(RedisJobs.class, "jobs.lua", "settle.lua");
    private static final LuaScript PEEK = LuaScript.load(RedisJobs.class, "jobs.lua", "peek.lua");
    private static final LuaScript RENEW = LuaScript.load(RedisJobs.class, "jobs.lua", "renew.lua");
    private static final LuaScript RELEASE = LuaScript.load(RedisJobs.class, "jobs.lua", "release.lua");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final String[] indexes;
    private final String claimer;
    private final LongSupplier clock;
    private final long leaseMillis;
    /** The claims this node holds: job id -> its claim, renewed until settled. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidings-push-lease");
        thread.setDaemon(true);
        return thread;
    });

    private RedisJobs(RedisShards shards, RedisKeys keys, String node, LongSupplier clock, Duration lease) {
        this.redis = shards.forUnit(RedisKeys.PUSH);
        this.prefix = keys.jobsPrefix();
        this.indexes = new String[] {prefix + "due", prefix + "lease", prefix + "open", prefix + "dead",
                prefix + "age", prefix + "ids"};
        this.claimer = node + "/" + Long.toString(new SecureRandom().nextLong() >>> 1, 36);
        this.clock = clock;
        this.leaseMillis = lease.toMillis();
    }

    /**
     * Opens the cluster's jobs for this node; what an earlier life of this node id held is due again at once.
     *
     * @param clock epoch ms (leases and dead letters; the nodes' clocks must agree to well within the lease)
     */
    public static RedisJobs open(RedisShards shards, RedisKeys keys, String node, LongSupplier clock) {
        return open(shards, keys, node, clock, LEASE);
    }

    /** As {@link #open(RedisShards, RedisKeys, String, LongSupplier)} with another lease (tests). */
    public static RedisJobs open(RedisShards shards, RedisKeys keys, String node, LongSupplier clock,
            Duration lease) {
        RedisJobs jobs = new RedisJobs(shards, keys, node, clock, lease);
        RedisInbox.await(RELEASE.run(jobs.redis, ScriptOutputType.INTEGER, jobs.indexes, jobs.prefix, node + "/",
                Long.toString(clock.getAsLong())));
        long renew = Math.max(1, lease.toMillis() / 3);
        jobs.renewer.scheduleWithFixedDelay(jobs::renew, renew, renew, TimeUnit.MILLISECONDS);
        return jobs;
    }

    private static String opt(String value) {
        return value == null ? "" : "=" + value;
    }

    private static String unopt(Object value) {
        String text = (String) value;
        return text.isEmpty() ? null : text.substring(1);
    }

    @Override
    public CompletableFuture<Void> add(List<Job.New> jobs) {
        List<String> args = new ArrayList<>(1 + 10 * jobs.size());
        args.add(prefix);
        for (Job.New job : jobs) {
            args.addAll(List.of(job.uid(), job.stream(), Long.toString(job.seq()), job.epoch(), opt(job.title()),
                    opt(job.body()), opt(job.collapse()), job.kind().name(), Long.toString(job.created()),
                    Long.toString(job.due())));
        }
        return ADD.<Long>run(redis, ScriptOutputType.INTEGER, indexes, args.toArray(String[]::new))
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    return null;
                });
    }

    @Override
    public List<Job> claim(long now, int max) {
        List<Object> reply = RedisInbox.await(CLAIM.run(redis, ScriptOutputType.MULTI, indexes, prefix,
                Long.toString(now), Integer.toString(Math.min(max, CLAIM_BATCH)), Long.toString(now + leaseMillis),
                claimer));
        List<Job> claimed = new ArrayList<>(reply.size() / 16);
        for (int i = 0; i + 15 < reply.size(); i += 16) {
            Job job = job(reply.subList(i, i + 16));
            held.put(Long.toString(job.id()), claimer + ":" + job.attempts());
            claimed.add(job);
        }
        return claimed;
    }

    private static Job job(List<Object> f) {
        String platform = unopt(f.get(14));
        return new Job(Long.parseLong((String) f.get(0)), number(f.get(1)), unopt(f.get(2)), unopt(f.get(3)),
                number(f.get(4)), unopt(f.get(5)), (int) number(f.get(6)), unopt(f.get(7)), unopt(f.get(8)),
                unopt(f.get(9)), Job.Kind.valueOf(unopt(f.get(10))), number(f.get(11)), number(f.get(12)),
                (int) number(f.get(13)), platform == null ? null : Platform.of(platform), unopt(f.get(15)));
    }

    private static long number(Object value) {
        return Long.parseLong(unopt(value));
    }

    @Override
    public CompletableFuture<Void> settle(List<Job.Settled> settled) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of(prefix, claimer, Long.toString(clock.getAsLong() - DeadLetters.KEEP.toMillis()),
                Integer.toString(DeadLetters.MAX)));
        for (Job.Settled one : settled) {
            Job job = one.job();
            held.remove(Long.toString(job.id()));
            args.addAll(List.of(Long.toString(job.id()), Integer.toString(job.attempts()),
                    Integer.toString(one.next().size())));
            for (Job.Next next : one.next()) {
                args.addAll(List.of(next.platform() == null ? "" : next.platform().label(),
                        next.token() == null ? "" : next.token(), Long.toString(next.due()), next.dead() ? "1" : "0",
                        next.refund() ? "1" : "0"));
            }
        }
        return SETTLE.<Long>run(redis, ScriptOutputType.INTEGER, indexes, args.toArray(String[]::new))
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw RedisFailures.unavailable(failure);
                    }
                    return null;
                });
    }

    /** Extends the lease of every job this node still holds. */
    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(2 + 2 * held.size());
        args.add(prefix);
        args.add(Long.toString(clock.getAsLong() + leaseMillis));
        held.forEach((id, claim) -> {
            args.add(id);
            args.add(claim);
        });
        try {
            RENEW.run(redis, ScriptOutputType.INTEGER, indexes, args.toArray(String[]::new)).exceptionally(failure -> {
                System.getLogger(RedisJobs.class.getName()).log(System.Logger.Level.WARNING, "push job leases were"
                        + " not renewed (if Redis stays away past the lease, another node may send them too): "
                        + failure.getMessage());
                return null;
            });
        } catch (RuntimeException e) {
            System.getLogger(RedisJobs.class.getName()).log(System.Logger.Level.DEBUG, "renewing leases", e);
        }
    }

    private List<Object> peek() {
        return RedisInbox.await(PEEK.run(redis, ScriptOutputType.MULTI, indexes, prefix,
                Long.toString(clock.getAsLong())));
    }

    @Override
    public long nextDue() {
        List<Object> reply = peek();
        long due = (Long) reply.get(0);
        if ((Long) reply.get(1) == 1) {
            return Math.min(clock.getAsLong(), due < 0 ? Long.MAX_VALUE : due); // a lapsed lease: due again now
        }
        return due < 0 ? Long.MAX_VALUE : due;
    }

    @Override
    public JobStats stats() {
        List<Object> reply = peek();
        return new JobStats((Long) reply.get(2), (Long) reply.get(3), (Long) reply.get(4));
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
