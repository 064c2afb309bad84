package io.tidings.mobile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** Push jobs in memory (TIDINGS_INBOX=memory, and tests): the same rules as the database, lost on restart. */
public final class MemoryJobs implements JobStore {
    private final Map<Long, Held> jobs = new LinkedHashMap<>();
    /** The open job of each merge key: not yet tried, for every device. */
    private final Map<List<Object>, Long> open = new HashMap<>();
    private final LongSupplier clock;
    private long nextId = 1;

    private static final class Held {
        Job job;
        boolean claimed;
        boolean dead;

        Held(Job job, boolean dead) {
            this.job = job;
            this.dead = dead;
        }
    }

    /** @param clock epoch ms, for the age of dead letters */
    public MemoryJobs(LongSupplier clock) {
        this.clock = clock;
    }

    static List<Object> mergeKey(String uid, String stream, Job.Kind kind, String collapse) {
        return java.util.Arrays.asList(uid, stream, kind, collapse);
    }

    @Override
    public synchronized CompletableFuture<Void> add(List<Job.New> added) {
        for (Job.New job : added) {
            List<Object> key = mergeKey(job.uid(), job.stream(), job.kind(), job.collapse());
            Held merged = open.containsKey(key) ? jobs.get(open.get(key)) : null;
            if (merged != null) {
                Job was = merged.job;
                merged.job = new Job(was.id(), was.origin(), was.uid(), was.stream(), Math.max(was.seq(), job.seq()),
                        job.epoch(), was.count() + 1, job.title(), job.body(), was.collapse(), was.kind(),
                        was.created(), was.due(), 0, null, null);
                continue;
            }
            long id = nextId++;
            jobs.put(id, new Held(new Job(id, id, job.uid(), job.stream(), job.seq(), job.epoch(), 1, job.title(),
                    job.body(), job.collapse(), job.kind(), job.created(), job.due(), 0, null, null), false));
            open.put(key, id);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<Job> claim(long now, int max) {
        List<Held> due = new ArrayList<>();
        for (Held held : jobs.values()) {
            if (!held.claimed && !held.dead && held.job.due() <= now) {
                due.add(held);
            }
        }
        due.sort(Comparator.comparingLong(held -> held.job.due()));
        List<Job> claimed = new ArrayList<>();
        for (Held held : due.subList(0, Math.min(max, due.size()))) {
            Job job = held.job;
            open.remove(mergeKey(job.uid(), job.stream(), job.kind(), job.collapse()), job.id());
            held.claimed = true;
            held.job = withAttempts(job, job.attempts() + 1, job.due());
            claimed.add(held.job);
        }
        return claimed;
    }

    private static Job withAttempts(Job job, int attempts, long due) {
        return new Job(job.id(), job.origin(), job.uid(), job.stream(), job.seq(), job.epoch(), job.count(),
                job.title(), job.body(), job.collapse(), job.kind(), job.created(), due, attempts, job.platform(),
                job.token());
    }

    @Override
    public synchronized CompletableFuture<Void> settle(List<Job.Settled> settled) {
        for (Job.Settled one : settled) {
            Job job = one.job();
            jobs.remove(job.id());
            for (Job.Next next : one.next()) {
                boolean same = Objects.equals(next.token(), job.token()) && next.platform() == job.platform();
                long id = same ? job.id() : nextId++;
                Job follow = new Job(id, job.origin(), job.uid(), job.stream(), job.seq(), job.epoch(), job.count(),
                        job.title(), job.body(), job.collapse(), job.kind(), job.created(), next.due(),
                        next.refund() ? job.attempts() - 1 : job.attempts(), next.platform(), next.token());
                jobs.put(id, new Held(follow, next.dead()));
                if (follow.forEveryDevice() && follow.attempts() == 0 && !next.dead()) {
                    open.put(mergeKey(follow.uid(), follow.stream(), follow.kind(), follow.collapse()), id);
                }
            }
        }
        pruneDeadLetters();
        return CompletableFuture.completedFuture(null);
    }

    private void pruneDeadLetters() {
        long cutoff = clock.getAsLong() - DeadLetters.KEEP.toMillis();
        long dead = jobs.values().stream().filter(held -> held.dead).count();
        var oldestFirst = jobs.values().iterator();
        while (oldestFirst.hasNext()) {
            Held held = oldestFirst.next();
            if (held.dead && (held.job.created() < cutoff || dead > DeadLetters.MAX)) {
                oldestFirst.remove();
                dead--;
            }
        }
    }

    @Override
    public synchronized long nextDue() {
        return jobs.values().stream().filter(held -> !held.claimed && !held.dead).mapToLong(held -> held.job.due())
                .min().orElse(Long.MAX_VALUE);
    }

    @Override
    public synchronized JobStats stats() {
        long openJobs = 0;
        long oldest = 0;
        long dead = 0;
        for (Held held : jobs.values()) {
            if (held.dead) {
                dead++;
            } else {
                openJobs++;
                oldest = oldest == 0 ? held.job.created() : Math.min(oldest, held.job.created());
            }
        }
        return new JobStats(openJobs, oldest, dead);
    }

    @Override
    public void close() {
        // nothing held
    }
}
