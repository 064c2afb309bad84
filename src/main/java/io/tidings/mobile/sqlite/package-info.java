/**
 * Mobile push's tables in the inbox's SQLite file, written through the inbox's one writer
 * ({@link io.tidings.inbox.sqlite.SqliteInbox#write}): one writer per file means nothing ever waits on SQLite's
 * lock (a second writer would make the inbox's appends wait behind push bookkeeping), and one group commit
 * makes a message and, right after it, its push job durable.
 */
package io.tidings.mobile.sqlite;
