package io.tidings.mobile.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidings.inbox.redis.RedisKeys;
import io.tidings.mobile.Job;
import io.tidings.mobile.JobStore;
import io.tidings.mobile.JobStoreContract;
import io.tidings.mobile.Platform;
import io.tidings.testing.RedisStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's jobs against a real redis-server: the contract (with a lease longer than any test's clock moves,
 * so a claim holds as the contract says), then what a cluster adds: two nodes never get the same job, a dead
 * node's claim lapses to another, a lapsed claim's late settlement is ignored, and a node back under its id takes
 * its earlier life's claims back at once.
 */
class RedisJobsTest extends JobStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(15);
    @RegisterExtension
    static final RedisStores REDIS = new RedisStores();
    private final List<JobStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(JobStore::close);
    }

    private JobStore open(RedisKeys keys, String node, Duration lease) {
        JobStore store = RedisJobs.open(REDIS.connections(), keys, node, clock::get, lease);
        opened.add(store);
        return store;
    }

    @Override
    protected JobStore store() {
        return open(RedisStores.freshKeys(), "n1", Duration.ofDays(1));
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameJob() throws Exception {
        RedisKeys keys = RedisStores.freshKeys();
        JobStore a = open(keys, "a", LEASE);
        JobStore b = open(keys, "b", LEASE);
        for (int i = 0; i < 50; i++) {
            add(a, offline("u" + i, 1, T0));
        }

        List<Job> byA = new ArrayList<>();
        List<Job> byB = new ArrayList<>();
        while (byA.size() + byB.size() < 50) {
            byA.addAll(a.claim(T0, 7));
            byB.addAll(b.claim(T0, 5));
        }

        assertEquals(50, byA.size() + byB.size());
        assertEquals(50, Stream.concat(byA.stream(), byB.stream()).map(Job::uid).distinct().count(),
                "each job to one node");
        assertEquals(List.of(), b.claim(T0 + LEASE.toMillis() - 1, 100), "held while the lease runs");
    }

    @Test
    void aDeadNodesClaimLapsesToAnotherNodeWhoseSettlementCountsAndTheDeadOnesNot() throws Exception {
        RedisKeys keys = RedisStores.freshKeys();
        JobStore doomed = open(keys, "doomed", LEASE);
        JobStore survivor = open(keys, "survivor", LEASE);
        add(doomed, offline("7", 3, T0));
        Job held = doomed.claim(T0, 10).get(0);
        doomed.close(); // stops renewing, as a killed node does

        assertEquals(Long.MAX_VALUE, survivor.nextDue(), "nothing due while the lease runs");
        clock.set(T0 + LEASE.toMillis());
        assertEquals(T0 + LEASE.toMillis(), survivor.nextDue(), "a lapsed lease is due at once");
        Job taken = survivor.claim(clock.get(), 10).get(0);
        assertEquals(held.id(), taken.id());
        assertEquals(held.origin(), taken.origin(), "the same collapse id on the phone");
        assertEquals(2, taken.attempts(), "the dead node's try counted");

        settle(doomed, Job.Settled.done(held)); // a stalled node waking up late
        assertEquals(new JobStore.JobStats(1, T0, 0), survivor.stats(), "ignored: the job is the survivor's");
        settle(survivor, Job.Settled.done(taken));
        assertEquals(new JobStore.JobStats(0, 0, 0), survivor.stats());
    }

    @Test
    void aHeldClaimIsRenewedSoItDoesNotLapse() throws Exception {
        RedisKeys keys = RedisStores.freshKeys();
        JobStore holder = open(keys, "holder", Duration.ofMillis(300));
        JobStore other = open(keys, "other", Duration.ofMillis(300));
        add(holder, offline("7", 1, T0));
        holder.claim(T0, 10);

        // The holder renews every 100 ms to the clock's now + 300 ms: with the clock moved on, the old lease would
        // have lapsed, a renewed one has not. Bounded: renewals are due every 100 ms.
        clock.set(T0 + 1000);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (other.nextDue() <= clock.get()) {
            assertTrue(System.nanoTime() < deadline, "the lease was never renewed");
            Thread.sleep(20);
        }
        assertEquals(List.of(), other.claim(clock.get(), 10));
    }

    @Test
    void aNodeBackUnderItsIdTakesItsEarlierLifesClaimsBackAtOnce() throws Exception {
        RedisKeys keys = RedisStores.freshKeys();
        JobStore first = open(keys, "n7", LEASE);
        add(first, offline("7", 1, T0), offline("8", 1, T0 + 60_000));
        first.claim(T0, 10);
        first.close();

        JobStore again = open(keys, "n7", LEASE);

        assertEquals(T0, again.nextDue());
        Job job = again.claim(T0, 10).get(0);
        assertEquals("7", job.uid());
        assertEquals(2, job.attempts());
        settle(again, new Job.Settled(job, List.of(new Job.Next(Platform.APNS, "aa", T0, false, false))));
        assertEquals("aa", again.claim(T0, 10).get(0).token());
    }
}
