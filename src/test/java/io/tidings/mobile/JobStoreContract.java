package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} promises (its Javadoc), checked against each implementation. */
public abstract class JobStoreContract {
    protected static final long T0 = 1_767_225_600_000L;
    protected final AtomicLong clock = new AtomicLong(T0);

    /** A new, empty store on the test's clock. */
    protected abstract JobStore store();

    protected static Job.New offline(String uid, long seq, long due) {
        return new Job.New(uid, "u:" + uid, seq, "epoch00001", null, "m" + seq, null, Job.Kind.OFFLINE, T0, due);
    }

    protected static void add(JobStore store, Job.New... jobs) throws Exception {
        store.add(List.of(jobs)).get(10, TimeUnit.SECONDS);
    }

    protected static void settle(JobStore store, Job.Settled... settled) throws Exception {
        store.settle(List.of(settled)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aJobIsClaimedOnceDueWithItsAttemptCounted() throws Exception {
        JobStore store = store();
        add(store, offline("7", 1, T0 + 3000));

        assertEquals(List.of(), store.claim(T0 + 2999, 10));
        assertEquals(T0 + 3000, store.nextDue());
        List<Job> claimed = store.claim(T0 + 3000, 10);

        assertEquals(1, claimed.size());
        Job job = claimed.get(0);
        assertEquals(1, job.attempts());
        assertEquals(job.id(), job.origin());
        assertTrue(job.forEveryDevice());
        assertEquals(List.of(), store.claim(T0 + 9000, 10), "a claimed job is the claimer's until settled");
        assertEquals(Long.MAX_VALUE, store.nextDue());
    }

    @Test
    void messagesOfOneUidAndStreamCollapseIntoTheOpenJobWhichKeepsItsDueTime() throws Exception {
        JobStore store = store();
        add(store, offline("7", 1, T0 + 3000));
        add(store, offline("7", 2, T0 + 3500), offline("7", 3, T0 + 4000));
        add(store, offline("8", 1, T0 + 3100));
        add(store, new Job.New("7", "g:room", 5, "epoch00001", null, null, null, Job.Kind.OFFLINE, T0, T0 + 3200));
        add(store, new Job.New("7", "u:7", 4, "epoch00001", null, null, "chat-1", Job.Kind.OFFLINE, T0, T0 + 3300));
        add(store, new Job.New("7", "u:7", 4, "epoch00001", null, null, null, Job.Kind.UNREAD, T0, T0 + 3400));

        List<Job> claimed = store.claim(T0 + 3000, 10);
        assertEquals(1, claimed.size(), "only the first is due: its due time did not move");
        Job job = claimed.get(0);
        assertEquals(3, job.count());
        assertEquals(3, job.seq());
        assertEquals("m3", job.body());
        assertEquals(4, store.claim(T0 + 5000, 10).size(), "another uid, stream, collapse key or kind: apart");
    }

    @Test
    void aClaimedJobTakesNoMoreMessagesANewOneStarts() throws Exception {
        JobStore store = store();
        add(store, offline("7", 1, T0));
        Job first = store.claim(T0, 10).get(0);
        add(store, offline("7", 2, T0 + 3000));

        Job second = store.claim(T0 + 3000, 10).get(0);
        assertEquals(1, second.count());
        assertEquals(2, second.seq());
        assertTrue(second.origin() != first.origin());
    }

    @Test
    void settlingDeletesWhatIsDoneAndSplitsTheRestPerDevice() throws Exception {
        JobStore store = store();
        add(store, offline("7", 4, T0));
        Job job = store.claim(T0, 10).get(0);

        settle(store, new Job.Settled(job, List.of(
                new Job.Next(Platform.APNS, "aa", T0 + 1000, false, false),
                new Job.Next(Platform.FCM, "ff", T0 + 2000, false, true))));

        List<Job> again = store.claim(T0 + 5000, 10);
        again.sort(Comparator.comparingLong(Job::due));
        assertEquals(2, again.size());
        assertEquals("aa", again.get(0).token());
        assertEquals(Platform.APNS, again.get(0).platform());
        assertEquals(2, again.get(0).attempts(), "a counted try, then this claim");
        assertEquals(1, again.get(1).attempts(), "a refunded try does not count");
        assertEquals(job.origin(), again.get(0).origin(), "the same notification on the phone");
        assertEquals(4, again.get(1).seq());

        settle(store, Job.Settled.done(again.get(0)), new Job.Settled(again.get(1),
                List.of(new Job.Next(Platform.FCM, "ff", T0 + 9000, false, false))));
        Job last = store.claim(T0 + 9000, 10).get(0);
        assertEquals(again.get(1).id(), last.id(), "a device's job is tried again in place");
        assertEquals(2, last.attempts());
    }

    @Test
    void aDeadLetterIsKeptAndCountedButNeverClaimed() throws Exception {
        JobStore store = store();
        add(store, offline("7", 1, T0), offline("8", 1, T0));
        List<Job> jobs = store.claim(T0, 10);

        settle(store, new Job.Settled(jobs.get(0), List.of(new Job.Next(Platform.FCM, "ff", T0, true, false))));

        assertEquals(new JobStore.JobStats(1, T0, 1), store.stats());
        assertEquals(List.of(), store.claim(T0 + 100_000, 10));
        settle(store, Job.Settled.done(jobs.get(1)));
        assertEquals(new JobStore.JobStats(0, 0, 1), store.stats());
    }

    @Test
    void aJobPutBackWholeIsForEveryDeviceAgainAndTakesMessagesAgain() throws Exception {
        JobStore store = store();
        add(store, offline("7", 1, T0));
        Job job = store.claim(T0, 10).get(0);

        settle(store, Job.Settled.later(job, T0 + 1000));
        add(store, offline("7", 2, T0 + 500));

        Job again = store.claim(T0 + 1000, 10).get(0);
        assertNull(again.token());
        assertEquals(1, again.attempts());
        assertEquals(2, again.count());
    }
}
