package io.tidings.mobile.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidings.inbox.sqlite.SqliteInbox;
import io.tidings.mobile.Inboxes;
import io.tidings.mobile.Job;
import io.tidings.mobile.JobStore;
import io.tidings.mobile.JobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs in the inbox's file: the contract, and what a restart finds. */
class SqliteJobsTest extends JobStoreContract {
    @TempDir
    Path dir;
    private final Inboxes inboxes = new Inboxes(clock::get);

    @AfterEach
    void close() {
        inboxes.close();
    }

    @Override
    protected JobStore store() {
        return SqliteJobs.open(inboxes.fresh(dir), clock::get);
    }

    @Test
    void aRestartFindsEveryJobAndWhatWasClaimedIsDueAgain() throws Exception {
        Path data = dir.resolve("restart");
        SqliteInbox first = inboxes.open(data);
        JobStore store = SqliteJobs.open(first, clock::get);
        add(store, offline("7", 1, T0), offline("8", 1, T0 + 60_000));
        Job claimed = store.claim(T0, 10).get(0);
        first.close();

        JobStore again = SqliteJobs.open(inboxes.open(data), clock::get);

        assertEquals(T0, again.nextDue());
        Job resent = again.claim(T0, 10).get(0);
        assertEquals(claimed.id(), resent.id());
        assertEquals(2, resent.attempts(), "the crashed try counted");
        assertEquals(new JobStore.JobStats(2, T0, 0), again.stats());
    }
}
