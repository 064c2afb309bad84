package io.tidings.inbox;

import io.tidings.config.InboxSettings;

class MemoryInboxTest extends InboxStoreContract {
    @Override
    protected InboxStore create(InboxSettings settings) {
        return new MemoryInbox(settings, KEY_WINDOW, clock::get);
    }
}
