package io.tidings.hub;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group membership as the API and the inbox events use it: {@link Groups} in memory on a single node, Redis in a
 * cluster (so every node sees every join, within the same limits). Asynchronous, because in a cluster each answer
 * is a round trip to Redis.
 */
public interface GroupDirectory {
    CompletableFuture<Groups.Join> join(String group, String uid);

    /** True when the uid was a member. */
    CompletableFuture<Boolean> leave(String group, String uid);

    CompletableFuture<Boolean> isMember(String group, String uid);

    /** The members, sorted. */
    CompletableFuture<List<String>> members(String group);

    /** How many members the group has (0 when it has none). */
    CompletableFuture<Integer> size(String group);

    /** A single node's groups, in memory. */
    static GroupDirectory of(Groups groups) {
        return new GroupDirectory() {
            @Override
            public CompletableFuture<Groups.Join> join(String group, String uid) {
                return CompletableFuture.completedFuture(groups.join(group, uid));
            }

            @Override
            public CompletableFuture<Boolean> leave(String group, String uid) {
                return CompletableFuture.completedFuture(groups.leave(group, uid));
            }

            @Override
            public CompletableFuture<Boolean> isMember(String group, String uid) {
                return CompletableFuture.completedFuture(groups.isMember(group, uid));
            }

            @Override
            public CompletableFuture<List<String>> members(String group) {
                return CompletableFuture.completedFuture(groups.members(group));
            }

            @Override
            public CompletableFuture<Integer> size(String group) {
                return CompletableFuture.completedFuture(groups.size(group));
            }
        };
    }
}
