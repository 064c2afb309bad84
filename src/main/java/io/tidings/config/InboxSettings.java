package io.tidings.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The durable inbox, part of {@link TidingsConfig}.
 *
 * @param store        TIDINGS_INBOX: where stored messages live.
 * @param dataDir      TIDINGS_DATA_DIR: the directory of the embedded store (null when none is configured).
 * @param maxPerStream TIDINGS_INBOX_MAX: messages kept per stream (a uid's or a group's); older ones are dropped.
 * @param ttl          TIDINGS_INBOX_TTL: messages older than this are dropped.
 * @param maxBytes     TIDINGS_INBOX_MAX_BYTES: the store's size cap; beyond it the oldest messages are dropped.
 * @param fsync        TIDINGS_INBOX_FSYNC: what a commit waits for.
 * @param commitEvery  TIDINGS_INBOX_COMMIT_EVERY: the least time between two group commits under load.
 * @param resumeMax    TIDINGS_RESUME_MAX: the most missed messages a resume replays; more is recovered:false.
 */
public record InboxSettings(Store store, Path dataDir, int maxPerStream, Duration ttl, long maxBytes, Fsync fsync,
        Duration commitEvery, int resumeMax) {
    /** TIDINGS_INBOX. */
    public enum Store {
        /** SQLite in TIDINGS_DATA_DIR: survives restarts and kill -9. */
        SQLITE,
        /** In memory: positions and resume work, a restart loses everything. */
        MEMORY,
        /** In Redis, shared by the nodes of a cluster (the default with TIDINGS_REDIS_URL). */
        REDIS,
        /** Nothing is stored: no seq, no welcome, no resume (Tidings before the inbox). */
        OFF
    }

    /** TIDINGS_INBOX_FSYNC. */
    public enum Fsync {
        /** Every group commit is on disk before it is acknowledged: survives kill -9 and power loss. */
        COMMIT,
        /** Commits are handed to the operating system: survive kill -9, not a power loss or kernel crash. */
        OS
    }

    public boolean enabled() {
        return store != Store.OFF;
    }
}
