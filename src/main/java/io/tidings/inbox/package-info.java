/**
 * The durable inbox: what waits for users who are away. {@link io.tidings.inbox.InboxStore} is the store's
 * contract (streams of consecutive seqs in an epoch, appends stored before they are delivered, in commit order),
 * kept by {@link io.tidings.inbox.MemoryInbox} and the embedded SQLite store in {@code inbox.sqlite};
 * {@link io.tidings.inbox.Inbox} holds the rules of resuming and paging, {@link io.tidings.inbox.CatchUp} brings a
 * session up to date without a gap or a repeat. Design: src/site/markdown/inbox.md.
 */
package io.tidings.inbox;
