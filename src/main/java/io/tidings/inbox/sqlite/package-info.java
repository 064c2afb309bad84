/**
 * The embedded inbox: one SQLite file in TIDINGS_DATA_DIR (WAL), one writer thread with group commit
 * ({@link io.tidings.inbox.sqlite.CommitLoop}) whose SQL is in {@code Writes}, {@code Rows} and {@code Upkeep}, and
 * pooled read-only connections ({@code Reads}); {@code Database} knows the file, its schema and what a failure of
 * it means in words.
 */
package io.tidings.inbox.sqlite;
