package io.tidings.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidings.hub.GroupDirectory;
import io.tidings.hub.Groups;
import io.tidings.inbox.Appended;
import io.tidings.inbox.StreamKey;
import io.tidings.push.Message;
import io.tidings.push.Mobile;
import io.tidings.push.Published;
import io.tidings.push.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seam a cluster fills: whether a live session received a message is the broker's answer
 * ({@link Published#reached}), and jobs follow it exactly. A cluster broker answers for every node, so a uid whose
 * session on another node took the message gets no push although no session here did.
 */
class JobMakerTest {
    private final MemoryDevices devices = new MemoryDevices();
    private final MemoryJobs jobs = new MemoryJobs(System::currentTimeMillis);
    private final JobMaker maker = new JobMaker(jobs, devices, GroupDirectory.of(new Groups(10, 10, 10)), 3000, 0,
            System::currentTimeMillis, new PushMetrics(new PrometheusRegistry(), jobs::stats, devices::count,
                    System::currentTimeMillis), due -> { });

    private void register(String uid) throws Exception {
        devices.register(new Device(uid, Platform.FCM, "t-" + uid, null, null, System.currentTimeMillis()), 10)
                .get();
    }

    private static Appended stored(String uid) {
        return new Appended(StreamKey.uid(uid), "m", 1, "e", "{}", false);
    }

    private static Message message(String... uids) {
        return new Message(new Target.Uids(List.of(uids)), "m", 0, "{}", true, null, true);
    }

    @Test
    void aUidReachedOnAnotherNodeGetsNoJobTheOthersDo() throws Exception {
        register("a");
        register("b");
        // What a cluster broker answers: nothing delivered on this node, "a" reached on another.
        Published cluster = new Published(0, List.of(stored("a"), stored("b")), Set.of("a"));

        maker.published(message("a", "b"), cluster, Mobile.DEFAULT).get();

        List<Job> made = jobs.claim(Long.MAX_VALUE, 10);
        assertEquals(List.of("b"), made.stream().map(Job::uid).toList());
    }

    @Test
    void withoutATrackedReachAnyDeliveryCountsAsReached() throws Exception {
        register("a");

        maker.published(message("a"), new Published(1, List.of(stored("a"))), Mobile.DEFAULT).get();
        maker.published(message("a"), new Published(0, List.of(stored("a"))), Mobile.DEFAULT).get();

        assertEquals(1, jobs.claim(Long.MAX_VALUE, 10).size(), "only the message nobody took");
    }
}
