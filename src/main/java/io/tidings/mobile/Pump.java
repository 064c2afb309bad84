package io.tidings.mobile;

import io.tidings.inbox.InboxStore;
import io.tidings.inbox.StreamHead;
import io.tidings.inbox.StreamKey;
import io.tidings.mobile.JobStore.JobStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sends due jobs, on one thread of its own: claims them from the {@link JobStore}, drops those read meanwhile
 * or for a uid without devices, hands a notification per device to its provider's {@link Sender}, and settles
 * each job from the answers (done, a later try with backoff, a dead letter, a pause for bad credentials). The
 * providers answer on their own threads; the pump only collects. Nothing here is on a WebSocket's path.
 */
public final class Pump implements AutoCloseable {
    /** Jobs claimed and not yet settled, at most: a stalled provider holds this many, never more. */
    static final int MAX_CLAIMED = 1000;
    private static final long IDLE_CHECK_MILLIS = 1000;
    private static final long STOP_GRACE_MILLIS = 5000;
    private static final System.Logger LOG = System.getLogger(Pump.class.getName());

    private final JobStore jobs;
    private final DeviceStore devices;
    private final InboxStore inbox;
    private final Map<Platform, Sender> senders;
    private final Composer composer;
    private final Backoff backoff;
    private final int maxAttempts;
    private final LongSupplier clock;
    private final Thread thread;
    private final Queue<Job.Settled> settled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger claimed = new AtomicInteger();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private PushMetrics metrics;
    private boolean signalled;
    private volatile boolean running = true;
    /** When the pump looks next by itself (epoch ms); 0 while it is looking. A job due earlier wakes it. */
    private volatile long wakeAt;
    /** The earliest due time of the jobs stored since the pump last read the store's next due time. */
    private final AtomicLong addedDue = new AtomicLong(Long.MAX_VALUE);
    private volatile JobStats stats = new JobStats(0, 0, 0);
    private long statsRead;

    /**
     * @param maxAttempts TIDINGS_PUSH_ATTEMPTS
     * @param clock       epoch ms
     */
    Pump(JobStore jobs, DeviceStore devices, InboxStore inbox, Map<Platform, Sender> senders, Composer composer,
            Backoff backoff, int maxAttempts, LongSupplier clock) {
        this.jobs = jobs;
        this.devices = devices;
        this.inbox = inbox;
        this.senders = Map.copyOf(senders);
        this.composer = composer;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.thread = new Thread(this::run, "tidings-push");
        thread.setDaemon(true);
    }

    void start(PushMetrics pushMetrics) {
        this.metrics = pushMetrics;
        stats = jobs.stats();
        thread.start();
    }

    /** The job store's figures as last read (at most a second old), for the gauges. */
    JobStats stats() {
        return stats;
    }

    /**
     * A job was stored that is due then: wakes the pump only if it would not look by then anyway. Stored while
     * the pump is looking, it may have been missed: {@code addedDue} carries it to the pump's next wait (written
     * before {@code wakeAt} is read here, read after it is written there, so one side always sees the other).
     */
    void added(long due) {
        addedDue.accumulateAndGet(due, Math::min);
        if (due < wakeAt) {
            wake();
        }
    }

    /** Something changed (a send answered, a stop): look again now. */
    void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                cycle();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "push pump: " + e.getMessage() + "; trying again in 1 s");
                await(IDLE_CHECK_MILLIS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        while (claimed.get() > 0 && System.nanoTime() < deadline) {
            flush();
            await(50);
        }
        flush().join();
    }

    private void cycle() {
        wakeAt = 0;
        addedDue.set(Long.MAX_VALUE); // before nextDue: what is stored from here on, nextDue or addedDue sees
        long now = clock.getAsLong();
        flush();
        if (now - statsRead >= IDLE_CHECK_MILLIS) {
            stats = jobs.stats();
            statsRead = now;
        }
        int room = MAX_CLAIMED - claimed.get();
        if (room < MAX_CLAIMED / 4) {
            await(IDLE_CHECK_MILLIS); // claims are commits: take jobs in batches, as answers free room
            return;
        }
        long next = jobs.nextDue();
        if (next <= now) {
            List<Job> due = jobs.claim(now, room);
            claimed.addAndGet(due.size());
            for (Job job : due) {
                try {
                    dispatch(job, now);
                } catch (RuntimeException e) {
                    // The inbox could not be read (busy, closing): the whole job waits a little, uncounted.
                    LOG.log(System.Logger.Level.WARNING, "push job put back: " + e.getMessage());
                    settled.add(Job.Settled.later(job, now + IDLE_CHECK_MILLIS));
                }
            }
            if (!due.isEmpty()) {
                return;
            }
        }
        await(next <= now ? IDLE_CHECK_MILLIS : Math.min(next - now, IDLE_CHECK_MILLIS));
    }

    private void await(long millis) {
        long now = clock.getAsLong();
        wakeAt = now + millis;
        long wait = Math.min(millis, addedDue.get() - now);
        synchronized (signal) {
            try {
                if (!signalled && running && wait > 0) {
                    signal.wait(wait);
                }
            } catch (InterruptedException e) {
                running = false;
            }
            signalled = false;
        }
    }

    /** Hands what was settled to the store, in one write. */
    private CompletableFuture<Void> flush() {
        List<Job.Settled> batch = new ArrayList<>();
        Job.Settled one;
        while ((one = settled.poll()) != null) {
            batch.add(one);
        }
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> written = jobs.settle(batch).whenComplete((done, failure) -> {
            if (failure != null) {
                metrics.storeFailed();
                LOG.log(System.Logger.Level.ERROR, "push jobs could not be settled (they are sent again after a"
                        + " restart): " + failure.getMessage());
            }
        });
        claimed.addAndGet(-batch.size());
        return written.exceptionally(failure -> null);
    }

    private void dispatch(Job job, long now) {
        StreamKey stream = new StreamKey(job.stream());
        long unread = -1;
        int count = job.count();
        if (stream.isUid()) {
            StreamHead head = inbox.head(stream);
            if (head.epoch().equals(job.epoch())) {
                if (head.readUpTo() >= job.seq()) {
                    skip(job, "read");
                    return;
                }
                // Its messages up to the read mark were read meanwhile: they are not news.
                count = (int) Math.min(count, job.seq() - head.readUpTo());
            }
            unread = head.unread();
        }
        List<Device> targets = targets(job);
        List<CompletableFuture<Job.Next>> answers = new ArrayList<>(targets.size());
        for (Device device : targets) {
            Sender sender = senders.get(device.platform());
            if (sender == null) {
                continue; // its provider is no longer configured
            }
            long paused = sender.pausedUntil();
            if (paused > now) {
                answers.add(CompletableFuture.completedFuture(
                        new Job.Next(device.platform(), device.token(), paused, false, true)));
                continue;
            }
            long started = System.nanoTime();
            answers.add(sender.send(composer.compose(job, device, unread, count))
                    .thenApply(outcome -> next(job, device, sender, outcome, started)));
        }
        if (answers.isEmpty()) {
            skip(job, "no_device");
            return;
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((all, failure) -> {
            List<Job.Next> next = new ArrayList<>();
            for (CompletableFuture<Job.Next> answer : answers) {
                Job.Next one = answer.getNow(null);
                if (one != null) {
                    next.add(one);
                }
            }
            settled.add(new Job.Settled(job, next));
            wake();
        });
    }

    private void skip(Job job, String reason) {
        metrics.skipped(reason);
        settled.add(Job.Settled.done(job));
    }

    /** The devices a job is for: the uid's, or its one device while that is still the uid's. */
    private List<Device> targets(Job job) {
        if (job.forEveryDevice()) {
            return devices.devices(job.uid());
        }
        Device device = devices.find(job.platform(), job.token());
        return device != null && device.uid().equals(job.uid()) ? List.of(device) : List.of();
    }

    /** What comes of one device's answer: null when done with it. Runs on the provider's thread. */
    private Job.Next next(Job job, Device device, Sender sender, Outcome outcome, long started) {
        metrics.sent(device.platform(), outcome, System.nanoTime() - started);
        long now = clock.getAsLong();
        switch (outcome.kind()) {
            case ACCEPTED -> {
                sender.accepted();
                return null;
            }
            case GONE -> {
                devices.removeGone(device.platform(), device.token(), outcome.goneSince());
                return null;
            }
            case AUTH -> {
                return new Job.Next(device.platform(), device.token(), sender.refused(outcome.reason()), false, true);
            }
            case RETRY -> {
                if (job.attempts() < maxAttempts) {
                    long wait = Math.max(outcome.retryAfter(), backoff.delay(job.attempts()));
                    return new Job.Next(device.platform(), device.token(), now + wait, false, false);
                }
            }
            case REJECTED -> {
                // dead below
            }
        }
        metrics.deadLetter(device.platform());
        if (reported.add(device.platform().label() + ":" + outcome.kind() + ":" + outcome.reason())) {
            LOG.log(System.Logger.Level.WARNING, "a push to " + device.platform().label() + " is dead-lettered ("
                    + outcome.kind().label() + ": " + outcome.reason() + ", after " + job.attempts()
                    + " attempts); later ones for the same reason are only counted");
        }
        return new Job.Next(device.platform(), device.token(), now, true, false);
    }

    /** Stops taking jobs, lets sends in flight answer (a few seconds at most) and settles them. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(STOP_GRACE_MILLIS + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
