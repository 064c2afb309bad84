package io.tidings.mobile;

class MemoryJobsTest extends JobStoreContract {
    @Override
    protected JobStore store() {
        return new MemoryJobs(clock::get);
    }
}
