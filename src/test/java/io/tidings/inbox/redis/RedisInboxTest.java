package io.tidings.inbox.redis;

import io.tidings.config.InboxSettings;
import io.tidings.inbox.InboxStore;
import io.tidings.inbox.InboxStoreContract;
import io.tidings.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inbox contract, kept by the Redis store against a real redis-server (each test under a prefix of its own). */
class RedisInboxTest extends InboxStoreContract {
    @RegisterExtension
    static final RedisStores REDIS = new RedisStores();

    @Override
    protected InboxStore create(InboxSettings settings) {
        return new RedisInbox(REDIS.connections(), RedisStores.freshKeys(), settings, KEY_WINDOW, clock::get);
    }
}
