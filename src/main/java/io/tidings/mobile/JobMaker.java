package io.tidings.mobile;

import io.tidings.hub.GroupDirectory;
import io.tidings.inbox.Appended;
import io.tidings.push.AfterPublish;
import io.tidings.push.Message;
import io.tidings.push.Mobile;
import io.tidings.push.Published;
import io.tidings.push.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Makes push jobs from published messages: for each uid of the message whom no live session received it
 * (the broker's answer, {@link Published#reached}) and who has a device, a job due when the collapse window
 * ends; with TIDINGS_PUSH_AFTER, for each uid whom a session did receive it, a job due then, sent only if it is
 * still unread. A group's push (or everyone's) that asked for phones goes to the members (everyone with a
 * device) that no session reached. Runs where the broker completed: no I/O but the store's write it queues.
 */
final class JobMaker implements AfterPublish {
    private static final System.Logger LOG = System.getLogger(JobMaker.class.getName());
    private static final CompletableFuture<Void> NOTHING = CompletableFuture.completedFuture(null);

    private final JobStore jobs;
    private final DeviceStore devices;
    private final GroupDirectory groups;
    private final long collapseMillis;
    private final long afterMillis;
    private final LongSupplier clock;
    private final PushMetrics metrics;
    private final LongConsumer added;

    /**
     * @param clock epoch ms
     * @param added told the earliest due time of each batch of jobs stored (wakes the pump)
     */
    JobMaker(JobStore jobs, DeviceStore devices, GroupDirectory groups, long collapseMillis, long afterMillis,
            LongSupplier clock, PushMetrics metrics, LongConsumer added) {
        this.jobs = jobs;
        this.devices = devices;
        this.groups = groups;
        this.collapseMillis = collapseMillis;
        this.afterMillis = afterMillis;
        this.clock = clock;
        this.metrics = metrics;
        this.added = added;
    }

    @Override
    public CompletableFuture<Void> published(Message message, Published published, Mobile mobile) {
        if (published.duplicate() || published.stored().isEmpty()) {
            return NOTHING; // a retried push: its first try made the jobs
        }
        long now = clock.getAsLong();
        Target target = message.target();
        if (target instanceof Target.Uid || target instanceof Target.Uids) {
            List<Job.New> made = new ArrayList<>();
            for (Appended entry : published.stored()) {
                String uid = entry.stream().name();
                if (!devices.any(uid)) {
                    continue;
                }
                if (!published.reached(uid)) {
                    made.add(job(uid, entry, mobile, Job.Kind.OFFLINE, now, now + collapseMillis));
                } else if (afterMillis > 0) {
                    made.add(job(uid, entry, mobile, Job.Kind.UNREAD, now, now + afterMillis));
                }
            }
            return store(made, now);
        }
        Appended entry = published.stored().get(0);
        // A group's members come from its directory: this node's groups alone, or every node's in Redis.
        CompletableFuture<? extends Iterable<String>> audience = target instanceof Target.Group group
                ? groups.members(group.name()) : CompletableFuture.completedFuture(devices.uids());
        return audience.thenCompose(uids -> {
            List<Job.New> made = new ArrayList<>();
            for (String uid : uids) {
                if (devices.any(uid) && !published.reached(uid)) {
                    made.add(job(uid, entry, mobile, Job.Kind.OFFLINE, now, now + collapseMillis));
                }
            }
            return store(made, now);
        }).exceptionally(failure -> {
            metrics.storeFailed();
            LOG.log(System.Logger.Level.ERROR, "a group's members could not be read, so its push made no phone"
                    + " jobs (the message is in the inbox): " + failure.getMessage());
            return null;
        });
    }

    private CompletableFuture<Void> store(List<Job.New> made, long now) {
        if (made.isEmpty()) {
            return NOTHING;
        }
        long earliest = made.stream().mapToLong(Job.New::due).min().orElse(now);
        return jobs.add(made).handle((done, failure) -> {
            if (failure != null) {
                metrics.storeFailed();
                LOG.log(System.Logger.Level.ERROR, made.size() + " push jobs were not stored (their messages are in"
                        + " the inbox, but no phone hears of them): " + failure.getMessage());
            } else {
                made.forEach(job -> metrics.made(job.kind(), 1));
                added.accept(earliest);
            }
            return null;
        });
    }

    private static Job.New job(String uid, Appended entry, Mobile mobile, Job.Kind kind, long now, long due) {
        return new Job.New(uid, entry.stream().text(), entry.seq(), entry.epoch(), mobile.title(), mobile.body(),
                mobile.collapse(), kind, now, due);
    }
}
